package io.layerline.retention.domain.plan;

import io.layerline.retention.domain.inventory.ArtifactId;

import java.util.Map;
import java.util.Set;

/**
 * What protections need beyond the artifacts themselves.
 *
 * @param rollbackSets artifacts in some service's rollback set (its last K distinct prod digests)
 * @param held         artifacts under an explicit hold
 * @param basesOf      for an artifact built on others, the artifacts it was built on (from ImageBuilt)
 * @param unknown      artifacts for which a protection could not be evaluated (missing data, an error): kept
 */
public record ProtectionFacts(Set<ArtifactId> rollbackSets, Set<ArtifactId> held,
                              Map<ArtifactId, Set<ArtifactId>> basesOf, Set<ArtifactId> unknown) {

    public static final ProtectionFacts NONE = new ProtectionFacts(Set.of(), Set.of(), Map.of(), Set.of());

    public ProtectionFacts {
        rollbackSets = Set.copyOf(rollbackSets);
        held = Set.copyOf(held);
        basesOf = Map.copyOf(basesOf);
        unknown = Set.copyOf(unknown);
    }
}

package io.layerline.retention.domain;

import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.plan.ProtectionFacts;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Protection facts as a test tells them: {@code Facts.none().inRollbackSet(a).held(b).builtOn(app, jdk).build()}. */
public final class Facts {

    private final Set<ArtifactId> rollbackSets = new HashSet<>();
    private final Set<ArtifactId> held = new HashSet<>();
    private final Map<ArtifactId, Set<ArtifactId>> basesOf = new HashMap<>();
    private final Set<ArtifactId> unknown = new HashSet<>();

    private Facts() {
    }

    public static Facts none() {
        return new Facts();
    }

    /** In the rollback history of a service. */
    public Facts inRollbackSet(ArtifactId... artifacts) {
        rollbackSets.addAll(List.of(artifacts));
        return this;
    }

    public Facts held(ArtifactId... artifacts) {
        held.addAll(List.of(artifacts));
        return this;
    }

    /** {@code child} was built from {@code bases}. */
    public Facts builtOn(ArtifactId child, ArtifactId... bases) {
        basesOf.computeIfAbsent(child, key -> new HashSet<>()).addAll(List.of(bases));
        return this;
    }

    /** Whose protections could not be evaluated. */
    public Facts unknown(ArtifactId... artifacts) {
        unknown.addAll(List.of(artifacts));
        return this;
    }

    public ProtectionFacts build() {
        return new ProtectionFacts(rollbackSets, held, basesOf, unknown);
    }
}

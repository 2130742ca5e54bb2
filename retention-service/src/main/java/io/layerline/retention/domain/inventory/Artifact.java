package io.layerline.retention.domain.inventory;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What the inventory knows of one artifact.
 *
 * @param labels         promotion labels (and any other registry labels)
 * @param lastDeployedAt the last successful deployment anywhere; absent when it was never deployed
 * @param runningIn      the environments it runs in now
 * @param immutable      the registry forbids deleting it (e.g. a Harbor immutable tag)
 * @param structure      what it is and what its manifest names
 */
public record Artifact(
        ArtifactId id,
        Set<String> tags,
        long size,
        Set<String> labels,
        Optional<Instant> pushedAt,
        Optional<Instant> lastDeployedAt,
        Set<String> runningIn,
        boolean immutable,
        Structure structure) {

    public Artifact {
        tags = Set.copyOf(tags);
        labels = Set.copyOf(labels);
        runningIn = Set.copyOf(runningIn);
    }

    public ArtifactKind kind() {
        return structure.kind();
    }

    /** Deployed at least once: what "used" means for retention, not registry pull times. */
    public boolean used() {
        return lastDeployedAt.isPresent();
    }
}

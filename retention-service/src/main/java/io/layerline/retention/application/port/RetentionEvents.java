package io.layerline.retention.application.port;

import io.layerline.retention.application.PlanSummary;
import io.layerline.retention.domain.inventory.ArtifactId;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The events the service publishes, in the caller's transaction. */
public interface RetentionEvents {

    void imagePruned(UUID planId, ArtifactId artifact, Set<String> tags, long size, String reason, Instant at);

    void runFinished(UUID planId, PlanSummary summary, Instant at);

    /** An artifact deleted by plan {@code planId} was put back, named again by {@code tags}. */
    void imageRestored(UUID planId, ArtifactId artifact, List<String> tags, List<String> tagsLeft, String restoredBy,
                       Instant at);
}

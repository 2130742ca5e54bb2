package io.layerline.retention.application.port;

import io.layerline.retention.application.PlanSummary;
import io.layerline.retention.domain.inventory.ArtifactId;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** The events the service publishes, in the caller's transaction. */
public interface RetentionEvents {

    void imagePruned(UUID planId, ArtifactId artifact, Set<String> tags, long size, String reason, Instant at);

    void runFinished(UUID planId, PlanSummary summary, Instant at);
}

package io.layerline.retention.application;

import io.layerline.retention.domain.inventory.ArtifactId;

import java.time.Instant;

/** An operator's hold on one artifact: protected from retention until it is released. */
public record Hold(ArtifactId artifact, String reason, String heldBy, Instant createdAt) {
}

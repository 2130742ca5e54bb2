package io.layerline.retention.application;

import io.layerline.retention.domain.inventory.ArtifactId;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;

/** An artifact reached the registry (again): its tags add up, its push time is the earliest seen. */
public record ArtifactPush(ArtifactId artifact, Set<String> tags, OptionalLong size, Instant pushedAt) {
}

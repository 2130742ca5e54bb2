package io.layerline.retention.application;

import io.layerline.retention.domain.inventory.ArtifactId;

import java.time.Instant;
import java.util.Set;

/**
 * One artifact of a stored plan: what the plan does with it ({@code KEEP} or {@code DELETE}), why, and, for a
 * deletion, how far its execution got ({@code PENDING}, {@code DELETED}, {@code SKIPPED}, {@code FAILED}).
 */
public record PlanItem(int seq, ArtifactId artifact, Set<String> tags, long size, String action, String reasons,
                       String state, String detail, Instant updatedAt) {
}

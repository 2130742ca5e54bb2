package io.layerline.retention.application;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A stored plan: its state ({@code PLANNED}, {@code APPLYING}, {@code APPLIED}), its totals, and how many of its
 * deletions are in each execution state.
 */
public record PlanSummary(UUID id, String state, Instant createdAt, int kept, int toDelete, long bytes,
                          Instant startedAt, Instant finishedAt, Map<String, Integer> deletionsByState) {
}

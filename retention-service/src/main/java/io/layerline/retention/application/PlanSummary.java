package io.layerline.retention.application;

import io.layerline.retention.domain.plan.ItemState;
import io.layerline.retention.domain.plan.PlanState;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A stored plan: its state ({@code PLANNED}, {@code APPLYING}, {@code PAUSED}, {@code APPLIED}), its totals, how many
 * of its deletions are in each execution state, and the bytes the deletions done so far freed.
 */
public record PlanSummary(UUID id, PlanState state, Instant createdAt, int kept, int toDelete, long bytes,
                          String appliedBy, Instant startedAt, Instant finishedAt,
                          Map<ItemState, Integer> deletionsByState, long reclaimedBytes) {
}

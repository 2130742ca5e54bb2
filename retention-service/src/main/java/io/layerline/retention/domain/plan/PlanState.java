package io.layerline.retention.domain.plan;

/**
 * Where a stored plan is: planned and waiting for review, being applied, paused by an operator between two deletions
 * (until resumed), or applied to the end.
 */
public enum PlanState {
    PLANNED, APPLYING, PAUSED, APPLIED
}

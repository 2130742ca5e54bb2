package io.layerline.retention.domain.plan;

/** Where a stored plan is: planned and waiting for review, being applied, or applied to the end. */
public enum PlanState {
    PLANNED, APPLYING, APPLIED
}

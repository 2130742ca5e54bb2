package io.layerline.retention.domain.plan;

/**
 * How far one artifact of a plan got: kept (never touched), or a deletion pending, done, skipped because the current
 * inventory keeps the artifact after all, or refused by the registry.
 */
public enum ItemState {
    KEPT, PENDING, DELETED, SKIPPED, FAILED;

    /** The state a planned item starts in. */
    public static ItemState initial(ItemAction action) {
        return action == ItemAction.KEEP ? KEPT : PENDING;
    }
}

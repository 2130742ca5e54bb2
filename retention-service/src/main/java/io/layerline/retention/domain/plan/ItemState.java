package io.layerline.retention.domain.plan;

/**
 * How far one artifact of a plan got: kept (never touched), or a deletion pending, done, skipped because the current
 * inventory keeps the artifact after all, refused by the registry, or done and then undone (restored).
 */
public enum ItemState {
    KEPT, PENDING, DELETED, SKIPPED, FAILED, RESTORED;

    /** The state a planned item starts in. */
    public static ItemState initial(ItemAction action) {
        return action == ItemAction.KEEP ? KEPT : PENDING;
    }
}

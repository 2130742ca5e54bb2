package io.layerline.retention.domain.plan;

/** What a plan does with one artifact. */
public enum ItemAction {
    KEEP, DELETE;

    public static ItemAction of(Decision decision) {
        return decision.kept() ? KEEP : DELETE;
    }
}

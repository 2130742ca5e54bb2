package io.layerline.catalog.domain.graph;

/**
 * The layer of the base-image tree an image belongs to. Images build on images of their own tier or a lower one;
 * applications are leaves.
 */
public enum Tier {
    OS,
    RUNTIME,
    TOOLING,
    APP;

    /** Whether an image of this tier may build on an image of tier {@code base}. */
    public boolean mayBuildOn(Tier base) {
        return base != APP && base.ordinal() <= ordinal();
    }
}

package io.layerline.catalog.domain.governance;

/** One repository breaking one rule, with what a reader needs to fix it. */
public record Violation(String repository, Kind kind, String detail) {

    public enum Kind {
        /** The final base is not one of the standard bases of the repository's tier. */
        NON_STANDARD_BASE,
        /** Nobody owns the repository. */
        NO_OWNER,
        /** The base tag moved on and this repository was not rebuilt on it. */
        STALE_BASE,
        /** More layers than the limit. */
        TOO_MANY_LAYERS,
        /** An application image is used as another image's base. */
        APP_USED_AS_BASE,
        /** The repository builds on a higher tier than its own (a runtime on tooling, say). */
        TIER_INVERSION,
        /** The repository depends on itself through its bases. */
        CYCLE,
        /** More bases of its kind (a JDK major version, say) in its tier than allowed: interchangeable bases. */
        DUPLICATE_BASE
    }
}

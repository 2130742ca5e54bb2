package io.layerline.retention.domain.plan;

/** The kinds of reasons a plan deletes an artifact for. */
public enum DeleteReason {
    /** A signature, attestation, SBOM or index child of a deleted artifact: it goes with what it belongs to. */
    WITH_ITS_UNIT,
    /** A rule of its policy excludes it, e.g. untagged and older than the rule's days. */
    EXCLUDED_BY_RULE,
    /** Used, but the newer used images of its label class fill the quota. */
    BEYOND_QUOTA,
    /** Never deployed, and older than the grace period. */
    NEVER_DEPLOYED
}

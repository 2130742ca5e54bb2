package io.layerline.retention.domain.plan;

/** The kinds of reasons a plan keeps an artifact for. */
public enum KeepReason {
    RUNNING,
    ROLLBACK_SET,
    HELD,
    IMMUTABLE,
    BASE_OF_KEPT,
    UNKNOWN,
    POLICY_RULE,
    NO_POLICY,
    /** A signature, attestation, SBOM or index child kept because what it belongs to is kept. */
    WITH_ITS_UNIT,
    /** Not an image (a Helm chart, another OCI artifact): image rules do not delete it. */
    NOT_AN_IMAGE,
    /** In a registry this instance has no adapter or credentials for. */
    UNMANAGED
}

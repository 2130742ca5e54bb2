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
    NO_POLICY
}

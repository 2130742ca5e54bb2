package io.layerline.retention.application;

import io.layerline.retention.domain.policy.PolicyDraft;

import java.time.Instant;

/** A version of a policy, as stored. */
public record StoredPolicy(String id, int version, PolicyDraft draft, boolean active, String changedBy,
                           Instant createdAt) {
}

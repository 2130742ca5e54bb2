package io.layerline.retention.application.port;

import io.layerline.retention.application.StoredPolicy;
import io.layerline.retention.domain.policy.PolicyDraft;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored retention policies. Every change is a new version; writes join the caller's transaction. */
public interface PolicyStore {

    /** Stores the next version of policy {@code id} (1 for a new one). */
    StoredPolicy save(String id, PolicyDraft draft, boolean active, String changedBy, Instant at);

    Optional<StoredPolicy> latest(String id);

    List<StoredPolicy> versions(String id);

    /** The newest version of every policy whose newest version is active. */
    List<StoredPolicy> active();
}

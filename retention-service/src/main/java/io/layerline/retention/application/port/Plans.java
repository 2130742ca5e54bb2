package io.layerline.retention.application.port;

import io.layerline.retention.application.AuditEntry;
import io.layerline.retention.application.ItemFilter;
import io.layerline.retention.application.PlanGroup;
import io.layerline.retention.application.PlanItem;
import io.layerline.retention.application.PlanSummary;
import io.layerline.retention.domain.plan.ItemState;
import io.layerline.retention.domain.plan.RetentionPlan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored plans, their execution and the audit trail. Writes join the caller's transaction. */
public interface Plans {

    /** Stores a plan; {@code policyId} when a policy's schedule made it for the repositories that policy governs. */
    void save(UUID id, RetentionPlan plan, Instant at, Optional<String> policyId);

    Optional<Instant> lastScheduledRun(String policyId);

    void recordScheduledRun(String policyId, Instant at, UUID planId);

    Optional<PlanSummary> summary(UUID id);

    /** Plans newest first, those made before {@code before} when given. */
    List<PlanSummary> list(Optional<Instant> before, int limit);

    List<PlanItem> items(UUID id, ItemFilter filter, int limit, int offset);

    /** The items {@code filter} takes, grouped by repository, action and reason kind, in that order. */
    List<PlanGroup> groups(UUID id, ItemFilter filter, int limit, int offset);

    /** Moves a planned plan to applying; false when it is in another state. */
    boolean startApplying(UUID id, String appliedBy, Instant at);

    /** Moves an applying plan to paused; false when it is in another state. */
    boolean pause(UUID id);

    /** Moves a paused plan back to applying; false when it is in another state. */
    boolean resume(UUID id);

    List<UUID> applying();

    /**
     * Takes or renews the lease on applying plan {@code id} for {@code applier} until {@code until}; false when
     * another applier holds a lease that has not run out at {@code now}, or the plan is not being applied.
     */
    boolean lease(UUID id, String applier, Instant now, Instant until);

    List<PlanItem> pendingDeletions(UUID id, int limit);

    /** Moves a pending item to {@code state}; false when it is not pending any more (another applier did it). */
    boolean markItem(UUID id, int seq, ItemState state, String detail, Instant at);

    void audit(UUID id, PlanItem item, ItemState outcome, String detail, Instant at);

    List<AuditEntry> auditTrail(UUID id, int limit, int offset);

    /** Moves an applying plan to applied; false when it is in another state (paused at its last item, say). */
    boolean finish(UUID id, Instant at);
}

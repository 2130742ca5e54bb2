package io.layerline.retention.application;

import io.layerline.retention.application.port.Plans;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a stored plan says: its summary, its items, and the audit trail of its application. */
@Singleton
public class PlanQueries {

    private final Plans plans;

    PlanQueries(Plans plans) {
        this.plans = plans;
    }

    @ReadOnly
    public Optional<PlanSummary> summary(UUID id) {
        return plans.summary(id);
    }

    /** Plans newest first, those made before {@code before} when given. */
    @ReadOnly
    public List<PlanSummary> list(Optional<Instant> before, int limit) {
        return plans.list(before, limit);
    }

    /** The plan's items in order, those {@code filter} takes; empty when there is no such plan. */
    @ReadOnly
    public Optional<List<PlanItem>> items(UUID id, ItemFilter filter, int limit, int offset) {
        return plans.summary(id).map(summary -> plans.items(id, filter, limit, offset));
    }

    /** The plan's items {@code filter} takes, grouped; empty when there is no such plan. */
    @ReadOnly
    public Optional<List<PlanGroup>> groups(UUID id, ItemFilter filter, int limit, int offset) {
        return plans.summary(id).map(summary -> plans.groups(id, filter, limit, offset));
    }

    @ReadOnly
    public List<AuditEntry> auditTrail(UUID id, int limit, int offset) {
        return plans.auditTrail(id, limit, offset);
    }
}

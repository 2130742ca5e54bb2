package io.layerline.retention.application;

import io.layerline.retention.application.port.Plans;
import io.layerline.retention.domain.plan.ItemAction;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

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

    /** The plan's items in order, those of one action when given; empty when there is no such plan. */
    @ReadOnly
    public Optional<List<PlanItem>> items(UUID id, Optional<ItemAction> action, int limit, int offset) {
        return plans.summary(id).map(summary -> plans.items(id, action, limit, offset));
    }

    @ReadOnly
    public List<AuditEntry> auditTrail(UUID id, int limit, int offset) {
        return plans.auditTrail(id, limit, offset);
    }
}

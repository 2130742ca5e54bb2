package io.layerline.retention.application;

import io.layerline.retention.domain.plan.Planner;
import io.layerline.retention.domain.plan.RetentionPlan;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Computes a dry-run plan over the whole inventory and stores it for review. */
@Singleton
public class PlanRetention {

    private final Inventory inventory;
    private final Plans plans;
    private final RetentionPolicies policies;
    private final Clock clock;
    private final int rollbackDepth;
    private final Timer duration;

    PlanRetention(Inventory inventory, Plans plans, RetentionPolicies policies, Clock clock, MeterRegistry meters,
                  @Value("${layerline.retention.rollback-depth:10}") int rollbackDepth) {
        this.inventory = inventory;
        this.plans = plans;
        this.policies = policies;
        this.clock = clock;
        this.rollbackDepth = rollbackDepth;
        this.duration = Timer.builder("layerline.retention.plan.duration")
                .description("Time to compute and store a retention plan").register(meters);
    }

    @Transactional
    public PlanSummary plan() {
        return duration.record(() -> {
            Instant now = clock.instant();
            RetentionPlan plan = Planner.plan(inventory.present(Optional.empty()), policies.resolver(),
                    inventory.protectionFacts(rollbackDepth), now);
            UUID id = UUID.randomUUID();
            plans.save(id, plan, now);
            return plans.summary(id).orElseThrow();
        });
    }
}

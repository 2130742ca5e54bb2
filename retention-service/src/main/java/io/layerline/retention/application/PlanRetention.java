package io.layerline.retention.application;

import io.layerline.retention.application.port.Inventory;
import io.layerline.retention.application.port.ManagedRegistries;
import io.layerline.retention.application.port.Plans;
import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.plan.Planner;
import io.layerline.retention.domain.plan.RetentionPlan;
import io.layerline.retention.domain.policy.RetentionPolicy;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Computes a dry-run plan over the whole inventory and stores it for review. */
@Singleton
public class PlanRetention {

    private final Inventory inventory;
    private final ManagedRegistries registries;
    private final Plans plans;
    private final RetentionPolicies policies;
    private final Clock clock;
    private final int rollbackDepth;
    private final RetentionMetrics metrics;

    PlanRetention(Inventory inventory, ManagedRegistries registries, Plans plans, RetentionPolicies policies,
                  Clock clock, RetentionMetrics metrics, RetentionSettings settings) {
        this.inventory = inventory;
        this.registries = registries;
        this.plans = plans;
        this.policies = policies;
        this.clock = clock;
        this.rollbackDepth = settings.rollbackDepth();
        this.metrics = metrics;
    }

    /** Plans every repository. */
    @Transactional
    public PlanSummary plan() {
        return plan(Optional.empty());
    }

    /** Plans the repositories {@code policyId} governs, or all of them. */
    @Transactional
    public PlanSummary plan(Optional<String> policyId) {
        return metrics.timePlanning(() -> {
            Instant now = clock.instant();
            Function<RepositoryId, Optional<RetentionPolicy>> resolver = policies.resolver();
            List<Artifact> inventoryInScope = inventory.present(Optional.empty()).stream()
                    .filter(artifact -> policyId.isEmpty() || resolver.apply(artifact.id().repositoryId())
                            .map(RetentionPolicy::id).equals(policyId))
                    .toList();
            RetentionPlan plan = Planner.plan(inventoryInScope, resolver, inventory.protectionFacts(rollbackDepth),
                    registries::plansFor, now);
            UUID id = UUID.randomUUID();
            plans.save(id, plan, now, policyId);
            metrics.planned(plan);
            return plans.summary(id).orElseThrow();
        });
    }
}

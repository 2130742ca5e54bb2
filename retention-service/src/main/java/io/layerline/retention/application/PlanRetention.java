package io.layerline.retention.application;

import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.plan.KeepReason;
import io.layerline.retention.domain.plan.Planner;
import io.layerline.retention.domain.plan.RetentionPlan;
import io.layerline.retention.domain.policy.RetentionPolicy;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
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
    private final Timer duration;
    private final Map<KeepReason, AtomicLong> keptByReason = new EnumMap<>(KeepReason.class);

    PlanRetention(Inventory inventory, ManagedRegistries registries, Plans plans, RetentionPolicies policies, Clock clock, MeterRegistry meters,
                  @Value("${layerline.retention.rollback-depth:10}") int rollbackDepth) {
        this.inventory = inventory;
        this.registries = registries;
        this.plans = plans;
        this.policies = policies;
        this.clock = clock;
        this.rollbackDepth = rollbackDepth;
        this.duration = Timer.builder("layerline.retention.plan.duration")
                .description("Time to compute and store a retention plan").register(meters);
        for (KeepReason reason : KeepReason.values()) {
            AtomicLong count = new AtomicLong();
            keptByReason.put(reason, count);
            Gauge.builder("layerline.retention.kept", count, AtomicLong::get)
                    .description("Artifacts the last plan kept, by kind of reason")
                    .tag("reason", reason.name().toLowerCase()).register(meters);
        }
    }

    /** The kept artifacts of the last plan, by kind of reason (an artifact kept for two counts for both). */
    private void count(RetentionPlan plan) {
        Map<KeepReason, Long> counts = new EnumMap<>(KeepReason.class);
        for (KeepReason reason : KeepReason.values()) {
            counts.put(reason, 0L);
        }
        plan.repositories().stream().flatMap(repository -> repository.kept().stream())
                .flatMap(decision -> decision.keptFor().stream())
                .forEach(reason -> counts.merge(reason, 1L, Long::sum));
        counts.forEach((reason, count) -> keptByReason.get(reason).set(count));
    }

    /** Plans every repository. */
    @Transactional
    public PlanSummary plan() {
        return plan(Optional.empty());
    }

    /** Plans the repositories {@code policyId} governs, or all of them. */
    @Transactional
    public PlanSummary plan(Optional<String> policyId) {
        return duration.record(() -> {
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
            count(plan);
            return plans.summary(id).orElseThrow();
        });
    }
}

package io.layerline.retention.application;

import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.plan.Decision;
import io.layerline.retention.domain.plan.ItemState;
import io.layerline.retention.domain.plan.PlanState;
import io.layerline.retention.domain.plan.Planner;
import io.layerline.retention.domain.plan.ProtectionFacts;
import io.layerline.retention.domain.plan.RetentionPlan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Executes a stored plan in the background, one deletion at a time, at most {@code deletes-per-second}.
 * Right before each deletion the protections and the policy are checked again on the current inventory; what they
 * now keep is skipped. Every act leaves an audit row. The plan's progress is stored with each item, so a plan
 * whose service died resumes where it stopped when the service starts again, and one stopped by an error or by an
 * unavailable registry is picked up again after {@code resume-interval}. With several instances, the one holding the
 * plan's lease applies it, and another takes over when a dead one's lease runs out; an item moves out of pending once
 * only, and deleting an artifact that is gone already counts as deleted, so nothing is deleted or recorded twice.
 */
@Singleton
public class ApplyPlan {

    /** What became of a request to apply a plan. */
    public enum Start { STARTED, ALREADY_APPLYING, ALREADY_APPLIED, NOT_FOUND }

    /** The answer to a request to apply a plan, with the plan as it is now. */
    public record Started(Start outcome, Optional<PlanSummary> plan) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ApplyPlan.class);
    private static final int BATCH = 50;

    private final Plans plans;
    private final Inventory inventory;
    private final RetentionPolicies policies;
    private final ManagedRegistries registries;
    private final RetentionEvents events;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final int rollbackDepth;
    private final Duration pause;
    private final Duration resumeInterval;
    private final Duration lease;
    private final String instance = UUID.randomUUID().toString();
    private final Counter deleted;
    private final Counter reclaimed;
    private final Counter failures;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retention-apply");
        thread.setDaemon(true);
        return thread;
    });

    ApplyPlan(Plans plans, Inventory inventory, RetentionPolicies policies, ManagedRegistries registries,
              RetentionEvents events, TransactionOperations<Connection> transactions, Clock clock, MeterRegistry meters,
              @Value("${layerline.retention.rollback-depth:10}") int rollbackDepth,
              @Value("${layerline.retention.deletes-per-second:10}") double deletesPerSecond,
              @Value("${layerline.retention.resume-interval:1m}") Duration resumeInterval) {
        this.plans = plans;
        this.inventory = inventory;
        this.policies = policies;
        this.registries = registries;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.rollbackDepth = rollbackDepth;
        this.pause = Duration.ofMillis((long) (1000 / deletesPerSecond));
        this.resumeInterval = resumeInterval;
        this.lease = Duration.ofSeconds(Math.max(30, 3 * resumeInterval.toSeconds()));
        this.deleted = Counter.builder("layerline.retention.deleted")
                .description("Artifacts deleted from registries by retention").register(meters);
        this.reclaimed = Counter.builder("layerline.retention.reclaimed").baseUnit("bytes")
                .description("Bytes retention made free in registries: blobs no kept artifact names, eligible for "
                        + "the registry's garbage collection").register(meters);
        this.failures = Counter.builder("layerline.retention.failures")
                .description("Deletions the registry refused").register(meters);
    }

    /** Starts applying plan {@code id} in the background on behalf of {@code appliedBy} (a caller or "scheduler"). */
    public Started apply(UUID id, String appliedBy) {
        Optional<PlanSummary> summary = transactions.executeRead(status -> plans.summary(id));
        if (summary.isEmpty()) {
            return new Started(Start.NOT_FOUND, summary);
        }
        if (summary.get().state() == PlanState.APPLIED) {
            return new Started(Start.ALREADY_APPLIED, summary);
        }
        boolean started = transactions.executeWrite(status -> plans.startApplying(id, appliedBy, clock.instant()));
        if (started) {
            submit(id);
        }
        return new Started(started ? Start.STARTED : Start.ALREADY_APPLYING,
                transactions.executeRead(status -> plans.summary(id)));
    }

    /** Resumes the plans whose execution the last run of the service did not finish. */
    @EventListener
    void resume(StartupEvent event) {
        resumeStopped();
    }

    /** Picks up again a plan whose execution stopped on an error (the database was down, say). */
    @Scheduled(fixedDelay = "${layerline.retention.resume-interval:1m}",
            initialDelay = "${layerline.retention.resume-interval:1m}")
    void resumeStopped() {
        try {
            for (UUID id : transactions.executeRead(status -> plans.applying())) {
                if (!running.contains(id)) {
                    LOG.info("Resuming retention plan {}", id);
                    submit(id);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot look for plans to resume now: {}", e.toString());
        }
    }

    private void submit(UUID id) {
        if (running.add(id)) {
            executor.submit(() -> {
                try {
                    run(id);
                } finally {
                    running.remove(id);
                }
            });
        }
    }

    /** Stops the running plan between two deletions; it resumes at the next start. */
    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    void run(UUID id) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (!leased(id)) {
                    LOG.debug("Retention plan {} is applied by another instance", id);
                    return;
                }
                List<PlanItem> pending = transactions.executeRead(status -> plans.pendingDeletions(id, BATCH));
                if (pending.isEmpty()) {
                    break;
                }
                for (PlanItem item : pending) {
                    if (!leased(id)) {
                        LOG.warn("Retention plan {} was taken over by another instance", id);
                        return;
                    }
                    execute(id, item);
                    Thread.sleep(pause.toMillis());
                }
            }
            if (!Thread.currentThread().isInterrupted()) {
                transactions.executeWrite(status -> {
                    Instant now = clock.instant();
                    plans.finish(id, now);
                    events.runFinished(id, plans.summary(id).orElseThrow(), now);
                    return null;
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RegistryUnavailable e) {
            LOG.warn("Retention plan {} paused, the registry is unavailable: {}; it is resumed within {}", id,
                    e.getCause().getMessage(), resumeInterval);
        } catch (RuntimeException e) {
            LOG.error("Retention plan {} stopped; it is resumed within {}", id, resumeInterval, e);
        }
    }

    /** The registry cannot take deletions now: the plan stops where it is, its item still pending, and resumes. */
    private static final class RegistryUnavailable extends RuntimeException {
        RegistryUnavailable(RegistryArtifacts.RegistryException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Takes or renews this instance's lease on applying the plan: one instance applies a plan at a time. */
    private boolean leased(UUID id) {
        Instant now = clock.instant();
        return transactions.executeWrite(status -> plans.lease(id, instance, now, now.plus(lease)));
    }

    private void execute(UUID id, PlanItem item) {
        Optional<String> keptNow = transactions.executeRead(status -> stillKept(item.artifact()));
        if (keptNow.isPresent()) {
            record(id, item, ItemState.SKIPPED, "kept now: " + keptNow.get());
            return;
        }
        Optional<ManagedRegistries.ManagedRegistry> registry = registries.managing(item.artifact().registry());
        if (registry.isEmpty()) {
            failures.increment();
            record(id, item, ItemState.FAILED, "no registry adapter deletes from " + item.artifact().registry());
            return;
        }
        boolean existed;
        try {
            existed = registry.get().delete(item.artifact());
        } catch (RegistryArtifacts.RegistryException e) {
            failures.increment();
            if (e.isUnavailable()) {
                throw new RegistryUnavailable(e);
            }
            record(id, item, ItemState.FAILED, e.getMessage());
            return;
        }
        boolean recorded = transactions.executeWrite(status -> {
            Instant now = clock.instant();
            String detail = existed ? "deleted" : "already gone from the registry";
            if (!plans.markItem(id, item.seq(), ItemState.DELETED, detail, now)) {
                return false;
            }
            plans.audit(id, item, ItemState.DELETED, detail, now);
            inventory.markGone(item.artifact(), now);
            events.imagePruned(id, item.artifact(), item.tags(), item.size(), item.reasons(), now);
            return true;
        });
        if (recorded) {
            deleted.increment();
            reclaimed.increment(item.ownBytes());
        }
    }

    /** Why the current inventory keeps the artifact after all, if it does. */
    private Optional<String> stillKept(ArtifactId artifact) {
        List<Artifact> repository = inventory.present(Optional.of(artifact.repositoryId()));
        if (repository.stream().noneMatch(candidate -> candidate.id().equals(artifact))) {
            return Optional.empty();
        }
        ProtectionFacts facts = inventory.protectionFacts(rollbackDepth);
        Set<ArtifactId> basesOfPresent = facts.basesOf().values().stream().flatMap(Set::stream)
                .collect(Collectors.toSet());
        if (basesOfPresent.contains(artifact)) {
            return Optional.of("base of an image still present");
        }
        RetentionPlan plan = Planner.plan(repository, policies.resolver(), facts, registries::plansFor,
                clock.instant());
        return plan.repositories().stream().flatMap(repositoryPlan -> repositoryPlan.kept().stream())
                .filter(decision -> decision.artifact().id().equals(artifact))
                .findFirst()
                .map(decision -> String.join("; ", concat(decision)));
    }

    private static List<String> concat(Decision decision) {
        return Stream.concat(decision.protectedBy().stream(), decision.keptBy().stream()).toList();
    }

    private void record(UUID id, PlanItem item, ItemState state, String detail) {
        transactions.executeWrite(status -> {
            Instant now = clock.instant();
            if (plans.markItem(id, item.seq(), state, detail, now)) {
                plans.audit(id, item, state, detail, now);
            }
            return null;
        });
    }
}

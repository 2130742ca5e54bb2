package io.layerline.retention.application;

import io.layerline.retention.application.port.Inventory;
import io.layerline.retention.application.port.ManagedRegistries;
import io.layerline.retention.application.port.Plans;
import io.layerline.retention.application.port.RegistryArtifacts;
import io.layerline.retention.application.port.RetentionEvents;
import io.layerline.retention.application.port.UndoWindows;
import io.layerline.retention.domain.plan.ItemState;
import io.layerline.retention.domain.plan.Recheck;
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

/**
 * Executes plans that are being applied, in the background, one deletion at a time, at most {@code
 * deletes-per-second}. Right before each deletion the artifact is checked again ({@link Recheck}) on the current
 * inventory; what is kept now is skipped. Every act leaves an audit row. The plan's progress is stored with each
 * item, so a plan whose service died resumes where it stopped when the service starts again, and one stopped by an
 * error or by an unavailable registry is picked up again after {@code resume-interval}. With several instances, the
 * one holding the plan's lease applies it, and another takes over when a dead one's lease runs out; an item moves out
 * of pending once only, and deleting an artifact that is gone already counts as deleted, so nothing is deleted or
 * recorded twice. A paused plan stops before its next deletion (its lease is refused) until it is resumed. Before
 * each deletion, what an undo needs is kept ({@link RegistryArtifacts#keep}) for {@code undo-window}; a deletion
 * whose undo cannot be kept is not made.
 */
@Singleton
public class PlanExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);
    private static final int BATCH = 50;

    private final Plans plans;
    private final Inventory inventory;
    private final RetentionPolicies policies;
    private final ManagedRegistries registries;
    private final RetentionEvents events;
    private final UndoWindows undo;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final int rollbackDepth;
    private final Duration pause;
    private final Duration resumeInterval;
    private final Duration lease;
    private final Duration undoWindow;
    private final String instance = UUID.randomUUID().toString();
    private final RetentionMetrics metrics;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retention-apply");
        thread.setDaemon(true);
        return thread;
    });

    PlanExecutor(Plans plans, Inventory inventory, RetentionPolicies policies, ManagedRegistries registries,
                 RetentionEvents events, UndoWindows undo, TransactionOperations<Connection> transactions,
                 Clock clock, RetentionMetrics metrics, RetentionSettings settings) {
        this.plans = plans;
        this.inventory = inventory;
        this.policies = policies;
        this.registries = registries;
        this.events = events;
        this.undo = undo;
        this.transactions = transactions;
        this.clock = clock;
        this.rollbackDepth = settings.rollbackDepth();
        this.pause = Duration.ofMillis((long) (1000 / settings.deletesPerSecond()));
        this.resumeInterval = settings.resumeInterval();
        this.lease = Duration.ofSeconds(Math.max(30, 3 * resumeInterval.toSeconds()));
        this.undoWindow = settings.undoWindow();
        this.metrics = metrics;
    }

    /** Resumes the plans whose execution the last run of the service did not finish. */
    @EventListener
    void resume(StartupEvent event) {
        resumeStopped();
    }

    /** Picks up again a plan whose execution stopped on an error (the database was down, say). */
    @Scheduled(fixedDelay = "${layerline.retention.resume-interval}",
            initialDelay = "${layerline.retention.resume-interval}")
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

    /** Executes plan {@code id} in the background unless this instance is executing it already. */
    void submit(UUID id) {
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

    /** Executes the plan's pending deletions, in this thread, until none is left, the lease is lost or it stops. */
    void run(UUID id) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (!leased(id)) {
                    LOG.debug("Retention plan {} is paused or applied by another instance", id);
                    return;
                }
                List<PlanItem> pending = transactions.executeRead(status -> plans.pendingDeletions(id, BATCH));
                if (pending.isEmpty()) {
                    break;
                }
                for (PlanItem item : pending) {
                    if (!leased(id)) {
                        LOG.info("Retention plan {} was paused or taken over by another instance", id);
                        return;
                    }
                    execute(id, item);
                    Thread.sleep(pause.toMillis());
                }
            }
            if (!Thread.currentThread().isInterrupted()) {
                transactions.executeWrite(status -> {
                    Instant now = clock.instant();
                    if (plans.finish(id, now)) {
                        events.runFinished(id, plans.summary(id).orElseThrow(), now);
                    }
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
        Optional<String> keptNow = transactions.executeRead(status -> Recheck.keptNow(item.artifact(),
                inventory.present(Optional.of(item.artifact().repositoryId())),
                inventory.protectionFacts(rollbackDepth), policies.resolver(), registries::plansFor, clock.instant()));
        if (keptNow.isPresent()) {
            record(id, item, ItemState.SKIPPED, "kept now: " + keptNow.get());
            return;
        }
        Optional<ManagedRegistries.ManagedRegistry> registry = registries.managing(item.artifact().registry());
        if (registry.isEmpty()) {
            metrics.deletionFailed();
            record(id, item, ItemState.FAILED, "no registry adapter deletes from " + item.artifact().registry());
            return;
        }
        boolean existed;
        try {
            keepForUndo(id, item, registry.get());
            existed = registry.get().delete(item.artifact());
        } catch (RegistryArtifacts.RegistryException e) {
            metrics.deletionFailed();
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
            metrics.deleted(item.ownBytes());
        }
    }

    /** Keeps what undoing the deletion needs, unless the window is zero; nothing when the artifact is gone. */
    private void keepForUndo(UUID id, PlanItem item, RegistryArtifacts registry)
            throws RegistryArtifacts.RegistryException {
        if (undoWindow.isZero()) {
            return;
        }
        Optional<RegistryArtifacts.Kept> kept;
        try {
            kept = registry.keep(item.artifact(), item.tags(), Optional.ofNullable(item.subject()));
        } catch (RegistryArtifacts.RegistryException e) {
            throw e.isUnavailable() ? e : new RegistryArtifacts.RegistryException(
                    "not deleted, since what an undo needs could not be kept: " + e.getMessage(), e);
        }
        kept.ifPresent(manifests -> transactions.executeWrite(status -> {
            undo.keep(id, item.seq(), manifests, clock.instant().plus(undoWindow));
            return null;
        }));
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

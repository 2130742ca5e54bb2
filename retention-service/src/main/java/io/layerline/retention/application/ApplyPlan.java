package io.layerline.retention.application;

import io.layerline.retention.application.port.Plans;
import io.layerline.retention.domain.plan.PlanState;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Starts applying a stored plan: it moves to applying once, and the {@link PlanExecutor} executes it. An operator may
 * pause it between two deletions and resume it where it stopped.
 */
@Singleton
public class ApplyPlan {

    /** What asking to apply a plan gave; each but {@link Unknown} with the plan as it is now. */
    public sealed interface Outcome permits Started, AlreadyApplying, AlreadyApplied, Unknown, Changed, NotNow {
    }

    /** Paused or resumed as asked. */
    public record Changed(PlanSummary plan) implements Outcome {
    }

    /** Not in a state the change applies to (only an applying plan pauses, only a paused one resumes). */
    public record NotNow(PlanSummary plan) implements Outcome {
    }

    public record Started(PlanSummary plan) implements Outcome {
    }

    /** Another request started it before: it goes on (or waits, paused). */
    public record AlreadyApplying(PlanSummary plan) implements Outcome {
    }

    /** A plan is applied once; a new one is computed for what is there now. */
    public record AlreadyApplied(PlanSummary plan) implements Outcome {
    }

    public record Unknown() implements Outcome {
    }

    private final Plans plans;
    private final PlanExecutor executor;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    ApplyPlan(Plans plans, PlanExecutor executor, TransactionOperations<Connection> transactions, Clock clock) {
        this.plans = plans;
        this.executor = executor;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Starts applying plan {@code id} in the background on behalf of {@code appliedBy} (a caller or "scheduler"). */
    public Outcome apply(UUID id, String appliedBy) {
        Optional<PlanSummary> summary = transactions.executeRead(status -> plans.summary(id));
        if (summary.isEmpty()) {
            return new Unknown();
        }
        if (summary.get().state() == PlanState.APPLIED) {
            return new AlreadyApplied(summary.get());
        }
        boolean started = transactions.executeWrite(status -> plans.startApplying(id, appliedBy, clock.instant()));
        if (started) {
            executor.submit(id);
        }
        PlanSummary now = transactions.executeRead(status -> plans.summary(id)).orElseThrow();
        return started ? new Started(now) : new AlreadyApplying(now);
    }

    /** Pauses applying plan {@code id} after the deletion under way: nothing more is deleted until it resumes. */
    public Outcome pause(UUID id) {
        return change(id, () -> transactions.executeWrite(status -> plans.pause(id)));
    }

    /** Resumes paused plan {@code id} where it stopped. */
    public Outcome resume(UUID id) {
        Outcome outcome = change(id, () -> transactions.executeWrite(status -> plans.resume(id)));
        if (outcome instanceof Changed) {
            executor.submit(id);
        }
        return outcome;
    }

    private Outcome change(UUID id, BooleanSupplier change) {
        if (transactions.executeRead(status -> plans.summary(id)).isEmpty()) {
            return new Unknown();
        }
        boolean changed = change.getAsBoolean();
        PlanSummary now = transactions.executeRead(status -> plans.summary(id)).orElseThrow();
        return changed ? new Changed(now) : new NotNow(now);
    }
}

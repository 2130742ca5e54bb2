package io.layerline.retention.application;

import io.layerline.retention.application.port.Plans;
import io.layerline.retention.domain.plan.PlanState;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Starts applying a stored plan: it moves to applying once, and the {@link PlanExecutor} executes it. */
@Singleton
public class ApplyPlan {

    /** What asking to apply a plan gave; each but {@link Unknown} with the plan as it is now. */
    public sealed interface Outcome permits Started, AlreadyApplying, AlreadyApplied, Unknown {
    }

    public record Started(PlanSummary plan) implements Outcome {
    }

    /** Another request started it before: it goes on. */
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
}

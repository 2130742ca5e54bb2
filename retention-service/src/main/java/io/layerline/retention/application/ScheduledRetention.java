package io.layerline.retention.application;

import io.layerline.retention.application.port.Plans;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.scheduling.cron.CronExpression;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Runs the policies that have a schedule: when a policy's cron expression (UTC) has come due since its last run, it
 * plans the repositories that policy governs, and applies the plan at once when the policy says so.
 */
@Singleton
public class ScheduledRetention {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledRetention.class);

    private final RetentionPolicies policies;
    private final PlanRetention planRetention;
    private final ApplyPlan applyPlan;
    private final Plans plans;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    ScheduledRetention(RetentionPolicies policies, PlanRetention planRetention, ApplyPlan applyPlan, Plans plans,
                       TransactionOperations<Connection> transactions, Clock clock) {
        this.policies = policies;
        this.planRetention = planRetention;
        this.applyPlan = applyPlan;
        this.plans = plans;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${layerline.retention.schedule-check-interval:1m}",
            initialDelay = "${layerline.retention.schedule-check-interval:1m}")
    public void runDuePolicies() {
        try {
            Instant now = clock.instant();
            for (StoredPolicy policy : transactions.executeRead(status -> policies.scheduled())) {
                Instant since = transactions.executeRead(status -> plans.lastScheduledRun(policy.id()))
                        .orElse(policy.createdAt());
                Instant due = CronExpression.create(policy.draft().schedule())
                        .nextTimeAfter(since.atZone(ZoneOffset.UTC)).toInstant();
                if (due.isAfter(now)) {
                    continue;
                }
                PlanSummary plan = planRetention.plan(Optional.of(policy.id()));
                transactions.executeWrite(status -> {
                    plans.recordScheduledRun(policy.id(), now, plan.id());
                    return null;
                });
                LOG.info("Policy {} planned {} ({} to delete)", policy.id(), plan.id(), plan.toDelete());
                if (policy.draft().autoApply()) {
                    applyPlan.apply(plan.id(), "scheduler");
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Scheduled retention could not run now: {}", e.toString());
        }
    }
}

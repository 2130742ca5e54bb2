package io.layerline.promotion.application;

import io.layerline.promotion.application.port.Labels;
import io.layerline.promotion.application.port.RegistryLabels;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Applies queued labels in the registry. A registry that is down or refuses does not lose a promotion: the label
 * stays pending, is tried again with doubling back-off (up to {@code max-backoff}), and shows in
 * {@code layerline_promotion_label_apply_pending} and {@code GET /api/v1/labels/pending} until it is applied.
 */
@Context
public class ApplyPendingLabels {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyPendingLabels.class);
    private static final int BATCH = 20;

    private final Labels labels;
    private final RegistryLabels registry;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final PromotionMetrics metrics;

    ApplyPendingLabels(Labels labels, RegistryLabels registry, TransactionOperations<Connection> transactions,
                       Clock clock, PromotionMetrics metrics,
                       @Value("${layerline.promotion.labels.retry-backoff}") Duration backoff,
                       @Value("${layerline.promotion.labels.max-backoff}") Duration maxBackoff) {
        this.labels = labels;
        this.registry = registry;
        this.transactions = transactions;
        this.clock = clock;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelay = "${layerline.promotion.labels.apply-interval:2s}", initialDelay = "2s")
    void applyDue() {
        try {
            int applied;
            do {
                applied = transactions.executeWrite(status -> applyBatch());
            } while (applied == BATCH);
            metrics.labelsPending(transactions.executeRead(status -> labels.pendingCount()));
        } catch (RuntimeException e) {
            LOG.warn("Cannot apply pending labels now: {}", e.toString());
        }
    }

    /** Applies the labels that are due; how many it took on. */
    int applyBatch() {
        Instant now = clock.instant();
        List<PendingLabel> due = labels.due(now, BATCH);
        for (PendingLabel label : due) {
            try {
                registry.apply(label.image(), label.label());
                labels.markApplied(label.id(), clock.instant());
            } catch (RegistryLabels.RegistryLabelException | RuntimeException e) {
                metrics.labelApplyFailed();
                Instant next = now.plus(delay(label.attempts()));
                labels.markFailed(label.id(), e.getMessage() == null ? e.toString() : e.getMessage(), next);
                LOG.info("Label {} of {}@{} not applied (attempt {}), next try at {}: {}", label.label(),
                        label.image().repository(), label.image().digest(), label.attempts() + 1, next,
                        e.getMessage());
            }
        }
        return due.size();
    }

    private Duration delay(int attempts) {
        Duration delay = backoff.multipliedBy(1L << Math.min(attempts, 20));
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}

package io.layerline.retention.application;

import io.layerline.retention.application.port.Inventory;
import io.layerline.retention.domain.plan.KeepReason;
import io.layerline.retention.domain.plan.RetentionPlan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Every meter of the retention-service, named {@code layerline.retention.*} ({@code layerline_retention_*} in
 * Prometheus), each described once here. Artifacts and bytes under management are refreshed from the inventory on a
 * schedule.
 */
@Context
public class RetentionMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionMetrics.class);

    private final Inventory inventory;
    private final TransactionOperations<Connection> transactions;
    private final AtomicLong artifacts = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Map<KeepReason, AtomicLong> keptByReason = new EnumMap<>(KeepReason.class);
    private final Timer planDuration;
    private final Counter deleted;
    private final Counter reclaimed;
    private final Counter failures;
    private final Counter restored;
    private final Counter windowsClosed;

    RetentionMetrics(Inventory inventory, TransactionOperations<Connection> transactions, MeterRegistry meters) {
        this.inventory = inventory;
        this.transactions = transactions;
        Gauge.builder("layerline.retention.artifacts", artifacts, AtomicLong::get)
                .description("Artifacts present in the registries under management").register(meters);
        Gauge.builder("layerline.retention.managed", bytes, AtomicLong::get).baseUnit("bytes")
                .description("Bytes of the artifacts under management").register(meters);
        for (KeepReason reason : KeepReason.values()) {
            AtomicLong count = new AtomicLong();
            keptByReason.put(reason, count);
            Gauge.builder("layerline.retention.kept", count, AtomicLong::get)
                    .description("Artifacts the last plan kept, by kind of reason")
                    .tag("reason", reason.name().toLowerCase()).register(meters);
        }
        this.planDuration = Timer.builder("layerline.retention.plan.duration")
                .description("Time to compute and store a retention plan").register(meters);
        this.deleted = Counter.builder("layerline.retention.deleted")
                .description("Artifacts deleted from registries by retention").register(meters);
        this.reclaimed = Counter.builder("layerline.retention.reclaimed").baseUnit("bytes")
                .description("Bytes retention made free in registries: blobs no kept artifact names, eligible for "
                        + "the registry's garbage collection").register(meters);
        this.failures = Counter.builder("layerline.retention.failures")
                .description("Deletions the registry refused").register(meters);
        this.restored = Counter.builder("layerline.retention.restored")
                .description("Deleted artifacts put back within their undo window").register(meters);
        this.windowsClosed = Counter.builder("layerline.retention.undo.windows.closed")
                .description("Undo windows closed: their blobs left to the registry's garbage collection")
                .register(meters);
    }

    /** Times the computing and storing of a plan. */
    <T> T timePlanning(Supplier<T> planning) {
        return planDuration.record(planning);
    }

    /** The kept artifacts of the last plan, by kind of reason (an artifact kept for two counts for both). */
    void planned(RetentionPlan plan) {
        Map<KeepReason, Long> counts = new EnumMap<>(KeepReason.class);
        for (KeepReason reason : KeepReason.values()) {
            counts.put(reason, 0L);
        }
        plan.repositories().stream().flatMap(repository -> repository.kept().stream())
                .flatMap(decision -> decision.keptFor().stream())
                .forEach(reason -> counts.merge(reason, 1L, Long::sum));
        counts.forEach((reason, count) -> keptByReason.get(reason).set(count));
    }

    /** An artifact deleted, freeing {@code ownBytes}. */
    void deleted(long ownBytes) {
        deleted.increment();
        reclaimed.increment(ownBytes);
    }

    /** A deletion the registry refused or could not take. */
    void deletionFailed() {
        failures.increment();
    }

    /** A deleted artifact put back. */
    void restored() {
        restored.increment();
    }

    /** An undo window closed, its keeper released. */
    void windowClosed() {
        windowsClosed.increment();
    }

    @Scheduled(fixedDelay = "${layerline.retention.metrics-interval:30s}", initialDelay = "1s")
    void refresh() {
        try {
            long[] totals = transactions.executeRead(status -> inventory.totals());
            artifacts.set(totals[0]);
            bytes.set(totals[1]);
        } catch (RuntimeException e) {
            LOG.debug("Cannot count the inventory now: {}", e.toString());
        }
    }
}

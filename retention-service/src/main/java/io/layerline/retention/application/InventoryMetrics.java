package io.layerline.retention.application;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;

/** Artifacts and bytes under management, refreshed from the inventory. */
@Context
public class InventoryMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryMetrics.class);

    private final Inventory inventory;
    private final TransactionOperations<Connection> transactions;
    private final AtomicLong artifacts = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    InventoryMetrics(Inventory inventory, TransactionOperations<Connection> transactions, MeterRegistry meters) {
        this.inventory = inventory;
        this.transactions = transactions;
        Gauge.builder("layerline.retention.artifacts", artifacts, AtomicLong::get)
                .description("Artifacts present in the registries under management").register(meters);
        Gauge.builder("layerline.retention.managed", bytes, AtomicLong::get).baseUnit("bytes")
                .description("Bytes of the artifacts under management").register(meters);
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

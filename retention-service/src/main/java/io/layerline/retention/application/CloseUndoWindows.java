package io.layerline.retention.application;

import io.layerline.retention.application.port.ManagedRegistries;
import io.layerline.retention.application.port.RegistryArtifacts;
import io.layerline.retention.application.port.UndoWindows;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Closes the undo windows that passed: deletes each keeper manifest, so that the registry's next garbage collection
 * frees the blobs only it still named, and drops the kept manifests. A keeper the registry cannot delete now is tried
 * again at the next check.
 */
@Singleton
public class CloseUndoWindows {

    private static final Logger LOG = LoggerFactory.getLogger(CloseUndoWindows.class);
    private static final int BATCH = 100;

    private final UndoWindows undo;
    private final ManagedRegistries registries;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final RetentionMetrics metrics;

    CloseUndoWindows(UndoWindows undo, ManagedRegistries registries, TransactionOperations<Connection> transactions,
                     Clock clock, RetentionMetrics metrics) {
        this.undo = undo;
        this.registries = registries;
        this.transactions = transactions;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelay = "${layerline.retention.undo-window-check}",
            initialDelay = "${layerline.retention.undo-window-check}")
    void closePassed() {
        try {
            List<KeptItem> passed;
            do {
                passed = transactions.executeRead(status -> undo.passed(clock.instant(), BATCH));
                int closed = 0;
                for (KeptItem item : passed) {
                    closed += close(item) ? 1 : 0;
                }
                if (closed < passed.size()) {
                    return;
                }
            } while (passed.size() == BATCH);
        } catch (RuntimeException e) {
            LOG.warn("Cannot close undo windows now: {}", e.toString());
        }
    }

    private boolean close(KeptItem item) {
        ArtifactId artifact = item.item().artifact();
        Optional<ManagedRegistries.ManagedRegistry> registry = registries.managing(artifact.registry());
        if (item.kept().keeper() != null && registry.isPresent()) {
            try {
                registry.get().release(new ArtifactId(artifact.registry(), artifact.repository(),
                        item.kept().keeper()));
            } catch (RegistryArtifacts.RegistryException e) {
                LOG.info("Cannot release the keeper of {} now ({}); tried again later", artifact, e.getMessage());
                return false;
            }
        }
        transactions.executeWrite(status -> {
            undo.close(item.plan(), item.item().seq(), clock.instant());
            return null;
        });
        metrics.windowClosed();
        return true;
    }
}

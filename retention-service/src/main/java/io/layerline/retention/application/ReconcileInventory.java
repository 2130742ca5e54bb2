package io.layerline.retention.application;

import io.layerline.retention.application.port.Inventory;
import io.layerline.retention.application.port.ManagedRegistries;
import io.layerline.retention.application.port.RegistryArtifacts;
import io.layerline.retention.application.port.RegistryCatalog;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.RepositoryId;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Brings the inventory in line with each managed registry: artifacts no event announced are added (pushed when the
 * registry says, else first seen now, so the grace period protects them), the tags, immutability and structure
 * (kind, subject, children, blobs) the registry holds are recorded, and artifacts that vanished from a repository
 * behind our back are marked gone. Runs on a schedule and on request.
 */
@Singleton
public class ReconcileInventory {

    /** What a reconciliation of one registry found; {@code readable} false when it could not be read. */
    public record Report(String registry, boolean readable, int repositories, int seen, int added, int gone) {

        static Report unreadable(String registry) {
            return new Report(registry, false, 0, 0, 0, 0);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileInventory.class);

    private final ManagedRegistries registries;
    private final Inventory inventory;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    ReconcileInventory(ManagedRegistries registries, Inventory inventory,
                       TransactionOperations<Connection> transactions, Clock clock) {
        this.registries = registries;
        this.inventory = inventory;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${layerline.retention.reconcile-interval:1h}", initialDelay = "1m")
    void scheduled() {
        try {
            reconcileAll().stream().filter(Report::readable).forEach(report -> LOG.info("Reconciled {}", report));
        } catch (RuntimeException e) {
            LOG.warn("Cannot reconcile now: {}", e.getMessage());
        }
    }

    /** Whether there is a registry to reconcile: one this instance manages. */
    public boolean anyRegistry() {
        return !registries.all().isEmpty();
    }

    /** Reconciles every managed registry; one that cannot be read is reported so (the cause logged), not thrown. */
    public List<Report> reconcileAll() {
        List<Report> reports = new ArrayList<>();
        for (RegistryCatalog catalog : registries.all()) {
            try {
                reports.add(reconcile(catalog));
            } catch (RegistryArtifacts.RegistryException e) {
                LOG.warn("Reconciliation could not read {}", catalog.registry(), e);
                reports.add(Report.unreadable(catalog.registry()));
            }
        }
        return reports;
    }

    /** Reconciles one registry, repository by repository. */
    Report reconcile(RegistryCatalog catalog) throws RegistryArtifacts.RegistryException {
        String registry = catalog.registry();
        int seen = 0;
        int added = 0;
        int gone = 0;
        List<String> repositories = catalog.repositories();
        for (String repository : repositories) {
            List<RegistryCatalog.Listed> listed = catalog.artifacts(repository);
            int[] counts = transactions.executeWrite(status -> reconcile(new RepositoryId(registry, repository),
                    listed));
            seen += listed.size();
            added += counts[0];
            gone += counts[1];
        }
        return new Report(registry, true, repositories.size(), seen, added, gone);
    }

    private int[] reconcile(RepositoryId repository, List<RegistryCatalog.Listed> listed) {
        Instant now = clock.instant();
        Set<String> known = inventory.present(Optional.of(repository)).stream()
                .map(artifact -> artifact.id().digest()).collect(Collectors.toCollection(HashSet::new));
        int added = 0;
        List<ArtifactPush> pushes = new ArrayList<>(listed.size());
        for (RegistryCatalog.Listed artifact : listed) {
            if (!known.remove(artifact.digest())) {
                added++;
            }
            pushes.add(new ArtifactPush(new ArtifactId(repository.registry(), repository.repository(),
                    artifact.digest()), artifact.tags(), OptionalLong.of(artifact.size()),
                    artifact.pushedAt().orElse(now)));
        }
        inventory.recordPushes(pushes);
        inventory.recordListed(repository, listed);
        for (String missing : known) {
            inventory.markGone(new ArtifactId(repository.registry(), repository.repository(), missing), now);
        }
        return new int[]{added, known.size()};
    }

}

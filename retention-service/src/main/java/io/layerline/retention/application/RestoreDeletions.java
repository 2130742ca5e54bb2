package io.layerline.retention.application;

import io.layerline.retention.application.port.Inventory;
import io.layerline.retention.application.port.ManagedRegistries;
import io.layerline.retention.application.port.Plans;
import io.layerline.retention.application.port.RegistryArtifacts;
import io.layerline.retention.application.port.RetentionEvents;
import io.layerline.retention.application.port.UndoWindows;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.plan.ItemState;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Undoes deletions of a plan within their window: one artifact with its unit — the children an index names and the
 * referrers deleted with it — or every deletion of the plan, each put back by the registry's adapter, marked
 * {@code RESTORED}, audited, present in the inventory again and announced as {@code ImagesRestored}. Its keeper is
 * then released: the restored manifests hold their blobs themselves.
 */
@Singleton
public class RestoreDeletions {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreDeletions.class);

    /** What asking for a restore gave. */
    public sealed interface Outcome permits Restored, NotFound, Invalid, Refused {
    }

    /** @param failed what could not be put back, each with why; the rest was */
    public record Restored(List<RestoredArtifact> restored, List<FailedArtifact> failed) implements Outcome {
    }

    public record NotFound(String field, String message) implements Outcome {
    }

    /** The request names the artifact ambiguously. */
    public record Invalid(String field, String message) implements Outcome {
    }

    /** Nothing can be restored, for this reason. */
    public record Refused(String field, String message) implements Outcome {
    }

    /** @param tagsLeft tags another image took meanwhile, left as they are */
    public record RestoredArtifact(ArtifactId artifact, List<String> tags, List<String> tagsLeft) {
    }

    public record FailedArtifact(ArtifactId artifact, String reason) {
    }

    private final Plans plans;
    private final UndoWindows undo;
    private final Inventory inventory;
    private final ManagedRegistries registries;
    private final RetentionEvents events;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final RetentionMetrics metrics;

    RestoreDeletions(Plans plans, UndoWindows undo, Inventory inventory, ManagedRegistries registries,
                     RetentionEvents events, TransactionOperations<Connection> transactions, Clock clock,
                     RetentionMetrics metrics) {
        this.plans = plans;
        this.undo = undo;
        this.inventory = inventory;
        this.registries = registries;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Restores the artifact {@code digest} deleted by the plan (of {@code repository}, when several have it). */
    public Outcome restoreArtifact(UUID plan, String digest, Optional<String> repository, String by) {
        if (transactions.executeRead(status -> plans.summary(plan)).isEmpty()) {
            return new NotFound("id", "no plan " + plan);
        }
        List<KeptItem> kept = transactions.executeRead(status -> undo.kept(plan));
        List<KeptItem> named = kept.stream().filter(item -> item.item().artifact().digest().equals(digest)
                && repository.map(item.item().artifact().repository()::equals).orElse(true)).toList();
        if (named.isEmpty()) {
            return new NotFound("digest", "plan " + plan + " kept nothing of " + digest
                    + repository.map(name -> " in " + name).orElse("") + " to restore");
        }
        if (named.size() > 1) {
            return new Invalid("repository", digest + " was deleted from " + named.stream()
                    .map(item -> item.item().artifact().repository()).sorted().collect(Collectors.joining(", "))
                    + ": name one");
        }
        KeptItem target = named.get(0);
        Instant now = clock.instant();
        Optional<String> why = target.whyNotRestorable(now);
        if (why.isPresent()) {
            return new Refused("digest", digest + " " + why.get());
        }
        List<KeptItem> unit = new ArrayList<>();
        kept.stream().filter(item -> sameRepository(item, target)
                && target.kept().children().contains(item.item().artifact().digest())).forEach(unit::add);
        unit.add(target);
        kept.stream().filter(item -> sameRepository(item, target) && digest.equals(item.kept().subject()))
                .forEach(unit::add);
        Restored restored = restore(unit.stream().filter(item -> item.restorable(now)).distinct().toList(), by);
        Optional<FailedArtifact> targetFailed = restored.failed().stream()
                .filter(failed -> failed.artifact().equals(target.item().artifact())).findFirst();
        return targetFailed.<Outcome>map(failed -> new Refused("digest", failed.reason())).orElse(restored);
    }

    /** Restores every deletion of the plan whose window is open: children first, then images, then referrers. */
    public Outcome restorePlan(UUID plan, String by) {
        if (transactions.executeRead(status -> plans.summary(plan)).isEmpty()) {
            return new NotFound("id", "no plan " + plan);
        }
        Instant now = clock.instant();
        List<KeptItem> kept = transactions.executeRead(status -> undo.kept(plan));
        Set<String> children = kept.stream().flatMap(item -> item.kept().children().stream())
                .collect(Collectors.toSet());
        List<KeptItem> restorable = kept.stream().filter(item -> item.restorable(now))
                .sorted(Comparator.comparingInt((KeptItem item) ->
                        children.contains(item.item().artifact().digest()) ? 0 : item.kept().subject() == null ? 1 : 2))
                .toList();
        if (restorable.isEmpty()) {
            return new Refused("id", "plan " + plan + " has no deletion to restore: none was kept, or every one is "
                    + "restored already or past its window");
        }
        return restore(restorable, by);
    }

    private Restored restore(List<KeptItem> items, String by) {
        List<RestoredArtifact> restored = new ArrayList<>();
        List<FailedArtifact> failed = new ArrayList<>();
        for (KeptItem item : items) {
            ArtifactId artifact = item.item().artifact();
            Optional<ManagedRegistries.ManagedRegistry> registry = registries.managing(artifact.registry());
            if (registry.isEmpty()) {
                failed.add(new FailedArtifact(artifact, "no registry adapter restores to " + artifact.registry()));
                continue;
            }
            RegistryArtifacts.Restored put;
            try {
                put = registry.get().restore(artifact, item.kept());
            } catch (RegistryArtifacts.RegistryException e) {
                failed.add(new FailedArtifact(artifact, e.getMessage()));
                continue;
            }
            String detail = "restored by " + by + (put.tagsLeft().isEmpty() ? ""
                    : "; tags left as they are: " + String.join(", ", put.tagsLeft()));
            transactions.executeWrite(status -> {
                Instant now = clock.instant();
                if (undo.markRestored(item.plan(), item.item().seq(), detail, now)) {
                    plans.audit(item.plan(), item.item(), ItemState.RESTORED, detail, now);
                    inventory.markPresent(artifact);
                    events.imageRestored(item.plan(), artifact, put.tags(), put.tagsLeft(), by, now);
                    metrics.restored();
                }
                return null;
            });
            restored.add(new RestoredArtifact(artifact, put.tags(), put.tagsLeft()));
            release(item, registry.get());
        }
        return new Restored(restored, failed);
    }

    /** Lets the keeper go once the manifests hold their blobs again; on failure the window's end releases it. */
    private void release(KeptItem item, RegistryArtifacts registry) {
        if (item.kept().keeper() != null) {
            ArtifactId artifact = item.item().artifact();
            try {
                registry.release(new ArtifactId(artifact.registry(), artifact.repository(), item.kept().keeper()));
            } catch (RegistryArtifacts.RegistryException e) {
                LOG.info("Cannot release the keeper of restored {} now ({}); its window's end will", artifact,
                        e.getMessage());
                return;
            }
        }
        transactions.executeWrite(status -> {
            undo.close(item.plan(), item.item().seq(), clock.instant());
            return null;
        });
    }

    private static boolean sameRepository(KeptItem item, KeptItem target) {
        return item.item().artifact().registry().equals(target.item().artifact().registry())
                && item.item().artifact().repository().equals(target.item().artifact().repository());
    }
}

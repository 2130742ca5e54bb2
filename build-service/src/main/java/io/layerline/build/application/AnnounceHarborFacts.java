package io.layerline.build.application;

import io.layerline.build.application.port.AnnouncementEvents;
import io.layerline.build.application.port.HarborArtifacts;
import io.layerline.build.application.port.HarborQueue;
import io.layerline.build.application.port.HarborTags;
import io.layerline.build.application.port.RegistryImages;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Announces the facts Harbor's deliveries reported, after Harbor was answered, in the order they came per
 * repository. A push is first described — every tag and the artifact's kind, from Harbor's API, else from the
 * registry's manifest when it may be read. While Harbor cannot answer, the push waits (doubling back-off) and the
 * repository's later facts wait behind it; after {@code describe-attempts} it is announced with what the webhook said
 * and its kind {@code UNKNOWN}, never guessed.
 */
@Context
public class AnnounceHarborFacts {

    private static final Logger LOG = LoggerFactory.getLogger(AnnounceHarborFacts.class);
    private static final int BATCH = 50;

    private final HarborQueue queue;
    private final HarborArtifacts harbor;
    private final RegistryImages registries;
    private final ReadableRegistries readable;
    private final HarborTags tags;
    private final AnnouncementEvents events;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final int attempts;
    private final Duration backoff;
    private final BuildMetrics metrics;

    AnnounceHarborFacts(HarborQueue queue, HarborArtifacts harbor, RegistryImages registries,
                        ReadableRegistries readable, HarborTags tags, AnnouncementEvents events,
                        TransactionOperations<Connection> transactions, Clock clock, BuildMetrics metrics,
                        HarborSettings settings) {
        this.queue = queue;
        this.harbor = harbor;
        this.registries = registries;
        this.readable = readable;
        this.tags = tags;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.attempts = settings.describeAttempts();
        this.backoff = settings.describeBackoff();
        this.metrics = metrics;
    }

    @Scheduled(fixedDelay = "${layerline.build.harbor.announce-interval:200ms}", initialDelay = "1s")
    void announceDue() {
        try {
            int taken;
            do {
                taken = transactions.executeWrite(status -> announceBatch());
            } while (taken == BATCH);
        } catch (RuntimeException e) {
            LOG.warn("Cannot announce Harbor's facts now: {}", e.toString());
        }
    }

    /** Counts what waits, for the gauge: not on every poll, so an idle queue costs one query a poll, not two. */
    @Scheduled(fixedDelay = "${layerline.build.harbor.metrics-interval:5s}", initialDelay = "2s")
    void countPending() {
        try {
            metrics.harborFactsPending(transactions.executeRead(status -> queue.size()));
        } catch (RuntimeException e) {
            LOG.debug("Cannot count Harbor's pending facts now: {}", e.toString());
        }
    }

    /** Announces the facts that are due; how many it took on. */
    int announceBatch() {
        List<HarborQueue.Queued> due = queue.due(clock.instant(), BATCH);
        for (HarborQueue.Queued queued : due) {
            Announcement fact = queued.fact();
            if (fact instanceof Announcement.Pushed pushed && pushed.artifactKind() == null) {
                Optional<Announcement.Pushed> described = described(pushed, queued);
                if (described.isEmpty()) {
                    continue;
                }
                fact = described.get();
            }
            try {
                events.publish(fact);
                remember(fact);
            } catch (IllegalArgumentException e) {
                LOG.error("Harbor's fact on {}/{}@{} breaks its event's contract and is dropped: {}", fact.registry(),
                        fact.repository(), fact.digest(), e.getMessage());
            }
            queue.remove(queued.id());
        }
        return due.size();
    }

    /** The push with every tag and its kind; empty when it must wait for Harbor (it was postponed). */
    private Optional<Announcement.Pushed> described(Announcement.Pushed pushed, HarborQueue.Queued queued) {
        try {
            Optional<HarborArtifacts.Description> byHarbor = harbor.describe(pushed.repository(), pushed.digest());
            if (byHarbor.isPresent()) {
                return Optional.of(pushed.described(byHarbor.get().tags().isEmpty() ? pushed.tags()
                        : byHarbor.get().tags(), byHarbor.get().kind()));
            }
            if (readable.allows(pushed.registry())) {
                return Optional.of(pushed.described(pushed.tags(), registries.kindOf(pushed.registry(),
                        pushed.repository(), pushed.digest(), pushed.tags()).orElse("UNKNOWN")));
            }
            return Optional.of(pushed.described(pushed.tags(), "UNKNOWN"));
        } catch (HarborArtifacts.Unavailable | BuildFailure e) {
            metrics.harborDescribeFailed();
            if (queued.attempts() + 1 >= attempts) {
                LOG.warn("{}/{}@{} announced with the webhook's tags and an unknown kind after {} attempts: {}",
                        pushed.registry(), pushed.repository(), pushed.digest(), attempts, e.getMessage());
                return Optional.of(pushed.described(pushed.tags(), "UNKNOWN"));
            }
            Instant next = clock.instant().plus(backoff.multipliedBy(1L << Math.min(queued.attempts(), 16)));
            queue.postpone(queued.id(), queued.attempts() + 1, next);
            LOG.info("{}/{}@{} cannot be described now (attempt {}), next try at {}: {}", pushed.registry(),
                    pushed.repository(), pushed.digest(), queued.attempts() + 1, next, e.getMessage());
            return Optional.empty();
        }
    }

    /** Keeps which digest each tag points to, for Harbor's tag retention that names removals by tag. */
    private void remember(Announcement fact) {
        if (fact instanceof Announcement.Pushed pushed) {
            tags.point(pushed.registry(), pushed.repository(), pushed.digest(), pushed.tags());
        } else if (fact instanceof Announcement.Pulled pulled && pulled.tag() != null) {
            tags.point(pulled.registry(), pulled.repository(), pulled.digest(), List.of(pulled.tag()));
        } else if (fact instanceof Announcement.Deleted deleted) {
            tags.forget(deleted.registry(), deleted.repository(), deleted.digest());
        }
    }
}

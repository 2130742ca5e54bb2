package io.layerline.build.application;

import io.layerline.build.application.port.AnnouncementEvents;
import io.layerline.build.application.port.Deliveries;
import io.layerline.build.application.port.HarborQueue;
import io.layerline.build.application.port.HarborTags;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes in Harbor's deliveries. Each is taken once, by what it reports: Harbor's retries and two webhook policies
 * delivering one event are one delivery. Its image facts are queued, to be announced once what Harbor's API knows of
 * them is read ({@link AnnounceHarborFacts}), so that Harbor is answered at once. Quota, replication and tag retention
 * events are counted; the artifacts Harbor's tag retention removed are announced deleted.
 */
@Singleton
public class HarborIngress {

    public static final String SOURCE = "harbor";
    private static final Logger LOG = LoggerFactory.getLogger(HarborIngress.class);

    /** An artifact Harbor's tag retention removed: by its digest, or by its first tag (the digest then not said). */
    public record Removal(String registry, String repository, String digest, String tag) {
    }

    /**
     * An event about Harbor itself rather than one image.
     *
     * @param type    {@code quota-warning}, {@code quota-exceeded}, {@code replication}, {@code tag-retention}
     * @param project the Harbor project it concerns, or empty
     * @param status  Harbor's status word ({@code Success}, {@code Error}…), or empty
     */
    public record Operational(String type, String project, String status) {
    }

    private final Deliveries deliveries;
    private final HarborQueue queue;
    private final HarborTags tags;
    private final ImageAnnouncements announcements;
    private final AnnouncementEvents events;
    private final BuildMetrics metrics;
    private final Clock clock;

    HarborIngress(Deliveries deliveries, HarborQueue queue, HarborTags tags, ImageAnnouncements announcements,
                  AnnouncementEvents events, BuildMetrics metrics, Clock clock) {
        this.deliveries = deliveries;
        this.queue = queue;
        this.tags = tags;
        this.announcements = announcements;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Queues every fact of one delivery to be announced, or none if it was taken in before.
     *
     * @throws IllegalArgumentException when a fact would break its event's contract: nothing is queued
     */
    @Transactional
    public ImageAnnouncements.Outcome take(String deliveryId, List<? extends Announcement> facts) {
        facts.forEach(events::check);
        if (!deliveries.claim(SOURCE, deliveryId, clock.instant())) {
            facts.forEach(fact -> announcements.count(SOURCE, fact.kind(), "duplicate"));
            return ImageAnnouncements.Outcome.DUPLICATE;
        }
        queue.add(facts, clock.instant());
        facts.forEach(fact -> announcements.count(SOURCE, fact.kind(), "accepted"));
        return ImageAnnouncements.Outcome.ACCEPTED;
    }

    /**
     * Counts an operational event and, for tag retention, queues the removed artifacts as deleted: those named by
     * digest, and those named by a tag whose digest Harbor told of before. The rest are counted as unresolved (the
     * retention service's reconciliation finds them gone).
     *
     * @throws IllegalArgumentException when a removal would break its event's contract: nothing is recorded
     */
    @Transactional
    public ImageAnnouncements.Outcome operational(String deliveryId, Operational event, List<Removal> removed,
                                                  String by, Instant at) {
        if (!deliveries.claim(SOURCE, deliveryId, clock.instant())) {
            announcements.count(SOURCE, event.type(), "duplicate");
            return ImageAnnouncements.Outcome.DUPLICATE;
        }
        List<Announcement.Deleted> deleted = new ArrayList<>();
        int unresolved = 0;
        for (Removal removal : removed) {
            String digest = removal.digest() != null ? removal.digest()
                    : tags.digestOf(removal.registry(), removal.repository(), removal.tag()).orElse(null);
            if (digest == null) {
                unresolved++;
                LOG.info("Harbor's tag retention removed {}/{}:{}, a tag never heard of: left to reconciliation",
                        removal.registry(), removal.repository(), removal.tag());
            } else {
                Announcement.Deleted fact = new Announcement.Deleted(removal.registry(), removal.repository(), digest,
                        removal.tag() == null ? List.of() : List.of(removal.tag()), by, at);
                events.check(fact);
                deleted.add(fact);
            }
        }
        queue.add(deleted, clock.instant());
        metrics.harborEvent(event.type(), event.project(), event.status());
        announcements.count(SOURCE, event.type(), "accepted");
        if (!removed.isEmpty()) {
            metrics.harborRetentionRemoved(event.project(), "deleted", deleted.size());
            metrics.harborRetentionRemoved(event.project(), "unresolved", unresolved);
        }
        return ImageAnnouncements.Outcome.ACCEPTED;
    }
}

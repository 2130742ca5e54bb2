package io.layerline.build.application;

import io.layerline.build.application.port.AnnouncementEvents;
import io.layerline.build.application.port.Deliveries;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/**
 * Takes in image facts from CI: each delivery once (by its source and id), announced through the outbox in the same
 * transaction. Counts every ingress delivery, CI's and Harbor's ({@link HarborIngress}), by source, type and outcome.
 */
@Singleton
public class ImageAnnouncements {

    public enum Outcome { ACCEPTED, DUPLICATE }

    private final Deliveries deliveries;
    private final AnnouncementEvents events;
    private final BuildMetrics metrics;
    private final Clock clock;

    ImageAnnouncements(Deliveries deliveries, AnnouncementEvents events, BuildMetrics metrics, Clock clock) {
        this.deliveries = deliveries;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Announces every fact of one delivery, or none if the delivery was taken in before. */
    @Transactional
    public Outcome announce(String source, String deliveryId, List<? extends Announcement> announcements) {
        if (!deliveries.claim(source, deliveryId, clock.instant())) {
            announcements.forEach(announcement -> count(source, announcement.kind(), "duplicate"));
            return Outcome.DUPLICATE;
        }
        announcements.forEach(events::publish);
        announcements.forEach(announcement -> count(source, announcement.kind(), "accepted"));
        return Outcome.ACCEPTED;
    }

    /** Counts an event refused before it could be announced, or one deliberately not announced. */
    public void count(String source, String type, String outcome) {
        metrics.ingress(source, type, outcome);
    }
}

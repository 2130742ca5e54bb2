package io.layerline.catalog.adapter.out.kafka;

import io.layerline.catalog.application.port.RebuildEvents;
import io.layerline.catalog.domain.cascade.Cascade;
import io.layerline.contracts.v1.BaseImageUpdated;
import io.layerline.contracts.v1.RebuildRequested;
import io.layerline.eventing.Outbox;
import jakarta.inject.Singleton;

import java.time.Instant;

/** Publishes cascade events through the transactional outbox, mapped to the v1 contracts. */
@Singleton
class OutboxRebuildEvents implements RebuildEvents {

    private final Outbox outbox;

    OutboxRebuildEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void baseImageUpdated(Cascade cascade, int directDependants, Instant at) {
        Cascade.BaseChange change = cascade.change();
        outbox.publish(new BaseImageUpdated(cascade.id(), change.registry(), change.repository(), change.tag(),
                change.reference(), change.previousDigest(), change.newDigest(), directDependants,
                cascade.items().size(), at));
    }

    @Override
    public void rebuildRequested(Cascade cascade, Cascade.Request request, Instant at) {
        int slash = request.repository().indexOf('/');
        outbox.publish(new RebuildRequested(cascade.id(), request.wave(), request.repository().substring(0, slash),
                request.repository().substring(slash + 1), request.currentDigest(), request.baseReference(),
                request.previousBaseDigest(), request.newBaseDigest(),
                "base " + cascade.change().reference() + " moved to " + cascade.change().newDigest(), at));
    }
}

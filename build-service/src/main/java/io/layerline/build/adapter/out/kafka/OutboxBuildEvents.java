package io.layerline.build.adapter.out.kafka;

import io.layerline.build.application.BuildEvents;
import io.layerline.contracts.v1.BuildFailed;
import io.layerline.eventing.Outbox;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** Publishes failed builds through the transactional outbox, mapped to the v1 contract. */
@Singleton
class OutboxBuildEvents implements BuildEvents {

    private final Outbox outbox;

    OutboxBuildEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void buildFailed(List<Failure> failures, Instant at) {
        outbox.publishAll(failures.stream().map(failure -> new BuildFailed(failure.build().id().toString(),
                failure.build().definition().registry(), failure.build().definition().repository(),
                failure.build().cascadeId(), failure.reason() == null ? "unknown" : failure.reason(), at)).toList());
    }
}

package io.layerline.build.adapter.out.kafka;

import io.layerline.build.application.BuildEvents;
import io.layerline.build.application.BuildRecord;
import io.layerline.contracts.v1.BuildFailed;
import io.layerline.eventing.Outbox;
import jakarta.inject.Singleton;

import java.time.Instant;

/** Publishes failed builds through the transactional outbox, mapped to the v1 contract. */
@Singleton
class OutboxBuildEvents implements BuildEvents {

    private final Outbox outbox;

    OutboxBuildEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void buildFailed(BuildRecord build, String reason, Instant at) {
        outbox.publish(new BuildFailed(build.id().toString(), build.definition().registry(),
                build.definition().repository(), build.cascadeId(), reason == null ? "unknown" : reason, at));
    }
}

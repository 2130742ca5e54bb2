package io.layerline.build.adapter.out.kafka;

import io.layerline.build.application.port.BuildEvents;
import io.layerline.build.domain.build.Build;
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
    public void buildFailed(List<Build> failed, Instant at) {
        outbox.publishAll(failed.stream().map(build -> new BuildFailed(build.id().toString(),
                build.definition().registry(), build.definition().repository(), build.cascadeId(),
                build.reason() == null ? "unknown" : build.reason(), at)).toList());
    }
}

package io.layerline.build.adapter.out.kafka;

import io.layerline.build.application.BuildEvents;
import io.layerline.build.application.BuildRecord;
import io.layerline.build.application.RegistryImages;
import io.layerline.build.domain.build.BuildDefinition;
import io.layerline.contracts.v1.BuildFailed;
import io.layerline.contracts.v1.ImageBuilt;
import io.layerline.eventing.Outbox;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** Publishes build events through the transactional outbox, mapped to the v1 contracts. */
@Singleton
class OutboxBuildEvents implements BuildEvents {

    private final Outbox outbox;

    OutboxBuildEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void imageBuilt(BuildDefinition definition, RegistryImages.StoredImage image, List<StageBase> bases,
                           Provenance provenance, Instant at) {
        outbox.publish(new ImageBuilt(definition.registry(), definition.repository(), image.digest(),
                definition.tags(), image.size(),
                image.layers().stream().map(layer -> new ImageBuilt.Layer(layer.digest(), layer.size(),
                        layer.createdBy())).toList(),
                bases.stream().map(base -> new ImageBuilt.BaseImage(base.stageIndex(), base.stage(), base.reference(),
                        base.digest(), base.finalStage())).toList(),
                new ImageBuilt.Provenance(provenance.sourceRepository(), provenance.commit(), provenance.branch(),
                        provenance.author(), null, provenance.dockerfilePath(), provenance.buildDurationMillis()),
                at));
    }

    @Override
    public void buildFailed(BuildRecord build, String reason, Instant at) {
        outbox.publish(new BuildFailed(build.id().toString(), build.definition().registry(),
                build.definition().repository(), build.cascadeId(), reason == null ? "unknown" : reason, at));
    }
}

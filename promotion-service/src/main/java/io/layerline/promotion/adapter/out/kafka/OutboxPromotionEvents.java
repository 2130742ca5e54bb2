package io.layerline.promotion.adapter.out.kafka;

import io.layerline.contracts.v1.DeploymentFinished;
import io.layerline.contracts.v1.ImagePromoted;
import io.layerline.contracts.v1.ImageRef;
import io.layerline.eventing.Outbox;
import io.layerline.promotion.application.EarnedLabel;
import io.layerline.promotion.application.port.PromotionEvents;
import io.layerline.promotion.domain.deployment.Deployment;
import io.layerline.promotion.domain.deployment.ImageCoordinates;
import jakarta.inject.Singleton;

import java.util.List;

/** Publishes the service's events through the transactional outbox, mapped to the v1 contracts. */
@Singleton
class OutboxPromotionEvents implements PromotionEvents {

    private final Outbox outbox;

    OutboxPromotionEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void deploymentFinished(Deployment deployment) {
        outbox.publish(new DeploymentFinished(deployment.externalId(), deployment.service(), deployment.environment(),
                ref(deployment.image()), DeploymentFinished.Kind.valueOf(deployment.kind().name()),
                DeploymentFinished.Status.valueOf(deployment.status().name()), deployment.deployer().orElse(null),
                deployment.target().orElse(null), deployment.startedAt().orElse(null), deployment.finishedAt()));
    }

    @Override
    public void imagesPromoted(List<EarnedLabel> labels) {
        outbox.publishAll(labels.stream().map(label -> new ImagePromoted(ref(label.image()), label.label(),
                label.environment(), label.deploymentId(), label.at())).toList());
    }

    private static ImageRef ref(ImageCoordinates image) {
        return new ImageRef(image.registry(), image.repository(), image.digest(), image.tag().orElse(null));
    }
}

package io.layerline.catalog.adapter.in.kafka;

import io.layerline.catalog.application.Deployment;
import io.layerline.catalog.application.RecordDeployments;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.Topics;
import io.layerline.contracts.v1.DeploymentFinished;
import io.layerline.contracts.v1.ImagePromoted;
import io.layerline.eventing.EventConsumer;
import io.layerline.eventing.EventHandlers;
import io.layerline.eventing.EventMetadata;
import io.layerline.eventing.Inbox;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * Successful deployments say where images run; promotions which labels they earned. Records that cannot be applied
 * go to the topic's {@code .dlq} after the inbox's retries; while the database is down a record is retried.
 */
@EventConsumer(group = "${layerline.eventing.consumer-group:catalog-service}")
class DeploymentsListener {

    private final Inbox inbox;
    private final EventHandlers deployments;
    private final EventHandlers promotions;

    DeploymentsListener(Inbox inbox, RecordDeployments record) {
        this.inbox = inbox;
        this.deployments = EventHandlers.forConsumer("catalog.deployments")
                .on(EventTypes.DEPLOYMENT_FINISHED, (DeploymentFinished finished, EventMetadata metadata) -> {
                    if (finished.status() == DeploymentFinished.Status.SUCCEEDED) {
                        record.deployed(new Deployment(finished.service(), finished.environment(),
                                finished.image().registry(), finished.image().repository(),
                                finished.image().digest(), finished.finishedAt()));
                    }
                })
                .build();
        this.promotions = EventHandlers.forConsumer("catalog.promotions")
                .on(EventTypes.IMAGE_PROMOTED, (ImagePromoted promoted, EventMetadata metadata) -> record.promoted(
                        promoted.image().registry(), promoted.image().repository(), promoted.image().digest(),
                        promoted.label(), promoted.promotedAt()))
                .build();
    }

    @Topic(Topics.DEPLOYMENTS)
    void deployment(List<ConsumerRecord<String, byte[]>> records) {
        inbox.process(deployments, records);
    }

    @Topic(Topics.PROMOTIONS)
    void promotion(List<ConsumerRecord<String, byte[]>> records) {
        inbox.process(promotions, records);
    }
}

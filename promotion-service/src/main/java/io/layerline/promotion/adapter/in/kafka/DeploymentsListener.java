package io.layerline.promotion.adapter.in.kafka;

import io.layerline.contracts.EventTypes;
import io.layerline.contracts.Topics;
import io.layerline.contracts.v1.DeploymentFinished;
import io.layerline.eventing.EventConsumer;
import io.layerline.eventing.EventHandlers;
import io.layerline.eventing.Inbox;
import io.layerline.promotion.application.Ingress;
import io.layerline.promotion.application.RecordDeployment;
import io.layerline.promotion.domain.deployment.DeploymentReport;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * Deployments deployers publish on {@code layerline.deployments} (and those this service announced itself, which
 * it recognises by their id). A record that cannot be recorded goes to {@code layerline.deployments.dlq} after
 * the inbox's retries; when the database is down the record is retried every second until it is back.
 */
@EventConsumer(group = "${layerline.eventing.consumer-group:promotion-service}")
class DeploymentsListener {

    private final Inbox inbox;
    private final EventHandlers handlers;

    DeploymentsListener(Inbox inbox, RecordDeployment recordDeployment) {
        this.inbox = inbox;
        this.handlers = EventHandlers.forConsumer("promotion.deployments")
                .onBatch(EventTypes.DEPLOYMENT_FINISHED, events -> {
                    List<RecordDeployment.Outcome> results = recordDeployment.recordAll(
                            events.stream().map(DeploymentsListener::report).toList(), Ingress.KAFKA);
                    for (int i = 0; i < results.size(); i++) {
                        if (results.get(i) instanceof RecordDeployment.Rejected rejected) {
                            throw new IllegalArgumentException("deployment " + events.get(i).deploymentId()
                                    + " is invalid: " + rejected.errors());
                        }
                    }
                })
                .build();
    }

    @Topic(Topics.DEPLOYMENTS)
    void receive(List<ConsumerRecord<String, byte[]>> records) {
        inbox.process(handlers, records);
    }

    private static DeploymentReport report(DeploymentFinished event) {
        return new DeploymentReport(event.deploymentId(), event.service(), event.environment(),
                event.image().registry(), event.image().repository(), event.image().digest(), event.image().tag(),
                event.kind().name(), event.status().name(), event.deployer(), event.target(), event.startedAt(),
                event.finishedAt());
    }
}

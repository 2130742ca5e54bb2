package io.layerline.retention.adapter.in.kafka;

import io.layerline.contracts.EventTypes;
import io.layerline.contracts.Topics;
import io.layerline.contracts.v1.DeploymentFinished;
import io.layerline.contracts.v1.ImageBuilt;
import io.layerline.contracts.v1.ImageDeleted;
import io.layerline.contracts.v1.ImagePromoted;
import io.layerline.contracts.v1.ImagePulled;
import io.layerline.contracts.v1.ImageRef;
import io.layerline.eventing.EventConsumer;
import io.layerline.eventing.EventHandlers;
import io.layerline.eventing.EventMetadata;
import io.layerline.eventing.Inbox;
import io.layerline.retention.application.ArtifactPush;
import io.layerline.retention.application.UpdateInventory;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Feeds the inventory from image, promotion and deployment events. Records that cannot be applied go to
 * {@code <topic>.dlq} after the inbox's retries; while the database is down a record is retried every second.
 */
@EventConsumer(group = "${layerline.eventing.consumer-group:retention-service}")
class InventoryListener {

    private final Inbox inbox;
    private final EventHandlers images;
    private final EventHandlers promotions;
    private final EventHandlers deployments;

    InventoryListener(Inbox inbox, UpdateInventory update) {
        this.inbox = inbox;
        this.images = EventHandlers.forConsumer("retention.images")
                .onBatch(EventTypes.IMAGE_BUILT, built -> update.built(built.stream().map(image ->
                        new UpdateInventory.Built(new ArtifactPush(
                                new ArtifactId(image.registry(), image.repository(), image.digest()),
                                new HashSet<>(image.tags()), OptionalLong.of(image.size()), image.builtAt()),
                                image.baseImages().stream().map(ImageBuilt.BaseImage::digest)
                                        .filter(Objects::nonNull).collect(Collectors.toSet()))).toList()))
                .onBatch(EventTypes.IMAGE_PUSHED, pushed -> update.pushed(pushed.stream().map(image ->
                        new ArtifactPush(new ArtifactId(image.registry(), image.repository(), image.digest()),
                                new HashSet<>(image.tags()),
                                image.size() == null ? OptionalLong.empty() : OptionalLong.of(image.size()),
                                image.pushedAt())).toList()))
                .on(EventTypes.IMAGE_PULLED, (ImagePulled pulled, EventMetadata metadata) -> update.pulled(
                        new ArtifactId(pulled.registry(), pulled.repository(), pulled.digest()), pulled.pulledAt()))
                .on(EventTypes.IMAGE_DELETED, (ImageDeleted deleted, EventMetadata metadata) -> update.deleted(
                        new ArtifactId(deleted.registry(), deleted.repository(), deleted.digest()),
                        deleted.deletedAt()))
                .build();
        this.promotions = EventHandlers.forConsumer("retention.promotions")
                .on(EventTypes.IMAGE_PROMOTED, (ImagePromoted promoted, EventMetadata metadata) ->
                        update.promoted(id(promoted.image()), promoted.label()))
                .build();
        this.deployments = EventHandlers.forConsumer("retention.deployments")
                .on(EventTypes.DEPLOYMENT_FINISHED, (DeploymentFinished deployment, EventMetadata metadata) -> {
                    if (deployment.status() == DeploymentFinished.Status.SUCCEEDED) {
                        update.deployed(deployment.service(), deployment.environment(), id(deployment.image()),
                                deployment.finishedAt());
                    }
                })
                .build();
    }

    @Topic(Topics.IMAGES)
    void onImage(List<ConsumerRecord<String, byte[]>> records) {
        inbox.process(images, records);
    }

    @Topic(Topics.PROMOTIONS)
    void onPromotion(List<ConsumerRecord<String, byte[]>> records) {
        inbox.process(promotions, records);
    }

    @Topic(Topics.DEPLOYMENTS)
    void onDeployment(List<ConsumerRecord<String, byte[]>> records) {
        inbox.process(deployments, records);
    }

    private static ArtifactId id(ImageRef image) {
        return new ArtifactId(image.registry(), image.repository(), image.digest());
    }

}

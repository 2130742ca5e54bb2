package io.layerline.eventing;

import io.layerline.contracts.EventTypes;
import io.layerline.contracts.Topics;
import io.layerline.contracts.v1.ImagePushed;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * The consuming side of the tests: applies ImagePushed by inserting a row, so that a duplicate effect would show
 * as a second row. Records of repository {@code poison/handler} make the handler fail.
 * Record failures are dead-lettered by the inbox to {@code layerline.images.dlq}; infrastructure failures are
 * retried every second by the listener ({@link EventConsumer}).
 */
@Requires(property = "test.role", value = "consumer")
@EventConsumer(group = "eventing-test")
class ImagesConsumer {

    private final Inbox inbox;
    private final EventHandlers handlers;

    ImagesConsumer(Inbox inbox, TransactionOperations<Connection> transactions) {
        this.inbox = inbox;
        this.handlers = EventHandlers.forConsumer("test.images")
                .on(EventTypes.IMAGE_PUSHED, (ImagePushed pushed, EventMetadata metadata) -> {
                    if (pushed.repository().equals("poison/handler")) {
                        throw new IllegalStateException("this handler cannot apply " + pushed.digest());
                    }
                    try (PreparedStatement insert = transactions.getConnection().prepareStatement(
                            "INSERT INTO applied_event (digest, event_id) VALUES (?, ?)")) {
                        insert.setString(1, pushed.digest());
                        insert.setString(2, metadata.id());
                        insert.executeUpdate();
                    }
                })
                .build();
    }

    @Topic(Topics.IMAGES)
    void receive(List<ConsumerRecord<String, byte[]>> records) {
        inbox.process(handlers, records);
    }
}

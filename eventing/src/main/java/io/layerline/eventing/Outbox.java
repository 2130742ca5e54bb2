package io.layerline.eventing;

import io.cloudevents.CloudEvent;
import io.layerline.contracts.EventCodec;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.LayerlineEvent;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes events by writing them into the service's outbox table in the caller's transaction, so that an
 * event exists if and only if the state change it announces was committed. The {@link OutboxRelay} sends them.
 */
@Singleton
public class Outbox {

    private final TransactionOperations<Connection> transactions;
    private final EventCodec codec;
    private final URI source;
    private final Clock clock;

    Outbox(TransactionOperations<Connection> transactions, EventCodec codec, EventingConfiguration configuration,
           @Value("${micronaut.application.name}") String application, Clock clock) {
        this.transactions = transactions;
        this.codec = codec;
        this.source = configuration.source() != null ? configuration.source() : URI.create("/layerline/" + application);
        this.clock = clock;
    }

    /**
     * Adds {@code event} to the outbox.
     *
     * @return the CloudEvents id it will be published with
     * @throws IllegalStateException when called outside a transaction: the event could outlive a rollback
     */
    public String publish(LayerlineEvent event) {
        return publishAll(List.of(event)).get(0);
    }

    /**
     * Adds {@code events} to the outbox in this order, with one JDBC batch.
     *
     * @return the CloudEvents ids they will be published with, in the same order
     * @throws IllegalStateException when called outside a transaction: the events could outlive a rollback
     */
    public List<String> publishAll(List<? extends LayerlineEvent> events) {
        if (transactions.findTransactionStatus().isEmpty()) {
            throw new IllegalStateException("events are published inside the transaction of the change they announce");
        }
        if (events.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>(events.size());
        try (PreparedStatement insert = transactions.getConnection().prepareStatement("""
                INSERT INTO outbox (event_id, topic, partition_key, ce_type, ce_source, ce_subject, ce_time,
                                    data_schema, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (LayerlineEvent event : events) {
                CloudEvent cloudEvent = codec.encode(event, source, now);
                insert.setString(1, cloudEvent.getId());
                insert.setString(2, EventTypes.of(event).topic());
                insert.setString(3, event.partitionKey());
                insert.setString(4, cloudEvent.getType());
                insert.setString(5, cloudEvent.getSource().toString());
                insert.setString(6, cloudEvent.getSubject());
                insert.setTimestamp(7, Timestamp.from(cloudEvent.getTime().toInstant()));
                insert.setString(8, String.valueOf(cloudEvent.getDataSchema()));
                insert.setBytes(9, cloudEvent.getData().toBytes());
                insert.addBatch();
                ids.add(cloudEvent.getId());
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new OutboxException("cannot write " + events.stream().map(event -> EventTypes.of(event).ceType())
                    .distinct().toList() + " to the outbox", e);
        }
        return ids;
    }
}

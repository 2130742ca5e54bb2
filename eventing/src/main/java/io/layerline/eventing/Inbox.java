package io.layerline.eventing;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.layerline.contracts.DecodedEvent;
import io.layerline.contracts.EventCodec;
import io.layerline.contracts.InvalidEventException;
import io.layerline.contracts.LayerlineEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies consumed records exactly once. A record is decoded and validated against its contract; its effect and
 * the claim of its event id commit in one transaction, so a redelivered record is recognised and skipped.
 * A record that cannot be decoded, or whose handler still fails after bounded retries, goes to the dead-letter
 * topic and consumption goes on. Failures of the database or broker are not the record's fault: they are retried
 * and, past {@link #INFRASTRUCTURE_PATIENCE}, thrown so the listener re-reads the record later.
 */
@Singleton
public class Inbox {

    static final Duration INFRASTRUCTURE_PATIENCE = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

    private final TransactionOperations<Connection> transactions;
    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final EventingConfiguration configuration;
    private final MeterRegistry meters;

    Inbox(TransactionOperations<Connection> transactions, EventCodec codec, DeadLetters deadLetters,
          EventingConfiguration configuration, MeterRegistry meters) {
        this.transactions = transactions;
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.configuration = configuration;
        this.meters = meters;
    }

    /** What became of a record. */
    public enum Outcome { PROCESSED, DUPLICATE, NOT_HANDLED, OTHER_VERSION, DEAD_LETTERED }

    /**
     * Applies a poll's records in one transaction — one commit instead of one per record. Records that cannot be
     * decoded are dead-lettered first. If the transaction fails for any reason, nothing of it stays and the records
     * are applied one by one, each in its own transaction with bounded retries, so a poison record is retried and
     * dead-lettered alone, and an outage is waited out and then thrown so that the listener reads the poll again.
     */
    public void process(EventHandlers handlers, List<ConsumerRecord<String, byte[]>> records) {
        List<Applicable<?>> applicable = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Optional<DecodedEvent<?>> decoded = codec.decode(envelope(record));
                if (decoded.isEmpty()) {
                    count(handlers.consumer(), record, Outcome.OTHER_VERSION);
                } else if (!handles(handlers, decoded.get())) {
                    count(handlers.consumer(), record, Outcome.NOT_HANDLED);
                } else {
                    applicable.add(applicable(handlers, record, decoded.get()));
                }
            } catch (InvalidEventException e) {
                deadLetters.send(handlers.consumer(), record, e.reason().name().toLowerCase(), e);
                count(handlers.consumer(), record, Outcome.DEAD_LETTERED);
            }
        }
        if (applicable.isEmpty()) {
            return;
        }
        List<Outcome> outcomes;
        try {
            outcomes = transactions.executeWrite(status -> {
                List<Outcome> applied = new ArrayList<>(applicable.size());
                for (Applicable<?> one : applicable) {
                    applied.add(one.applyIn(status.getConnection()) ? Outcome.PROCESSED : Outcome.DUPLICATE);
                }
                return applied;
            });
        } catch (RuntimeException e) {
            LOG.info("{} applies {} records one by one: {}", handlers.consumer(), applicable.size(),
                    unwrap(e).toString());
            for (Applicable<?> one : applicable) {
                count(handlers.consumer(), one.record(), applyDecoded(handlers, one.record(), one.event()));
            }
            return;
        }
        for (int i = 0; i < applicable.size(); i++) {
            count(handlers.consumer(), applicable.get(i).record(), outcomes.get(i));
        }
    }

    /** A decoded record with its handler and metadata, ready to be applied. */
    private record Applicable<T extends LayerlineEvent>(ConsumerRecord<String, byte[]> record, DecodedEvent<T> event,
                                                        EventHandler<T> handler, String consumer,
                                                        EventMetadata metadata) {

        /** Claims the event and applies it on {@code connection}; false when it was applied before. */
        boolean applyIn(Connection connection) throws Exception {
            if (!claim(connection, consumer, metadata)) {
                return false;
            }
            handler.handle(event.payload(), metadata);
            return true;
        }
    }

    private static <T extends LayerlineEvent> boolean handles(EventHandlers handlers, DecodedEvent<T> event) {
        return handlers.handlerFor(event.type()).isPresent();
    }

    private static <T extends LayerlineEvent> Applicable<T> applicable(EventHandlers handlers,
                                                                       ConsumerRecord<String, byte[]> record,
                                                                       DecodedEvent<T> event) {
        return new Applicable<>(record, event, handlers.handlerFor(event.type()).orElseThrow(), handlers.consumer(),
                metadata(record, event));
    }

    private static EventMetadata metadata(ConsumerRecord<String, byte[]> record, DecodedEvent<?> event) {
        return new EventMetadata(event.id(), event.source(), event.type().ceType(),
                event.envelope().getTime() == null ? null : event.envelope().getTime().toInstant(),
                record.topic(), record.partition(), record.offset());
    }

    private <T extends LayerlineEvent> Outcome applyDecoded(EventHandlers handlers,
                                                            ConsumerRecord<String, byte[]> record,
                                                            DecodedEvent<T> event) {
        Optional<EventHandler<T>> handler = handlers.handlerFor(event.type());
        if (handler.isEmpty()) {
            return Outcome.NOT_HANDLED;
        }
        EventMetadata metadata = metadata(record, event);
        Instant infrastructureDeadline = null;
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                boolean claimed = transactions.executeWrite(status -> {
                    if (!claim(status.getConnection(), handlers.consumer(), metadata)) {
                        return false;
                    }
                    handler.get().handle(event.payload(), metadata);
                    return true;
                });
                return claimed ? Outcome.PROCESSED : Outcome.DUPLICATE;
            } catch (RuntimeException e) {
                Throwable error = unwrap(e);
                if (Failures.isInfrastructure(error)) {
                    infrastructureDeadline = infrastructureDeadline != null ? infrastructureDeadline
                            : Instant.now().plus(INFRASTRUCTURE_PATIENCE);
                    if (Instant.now().isAfter(infrastructureDeadline)) {
                        throw e;
                    }
                    LOG.warn("{} cannot apply {} for now, retrying: {}", handlers.consumer(), metadata.id(),
                            error.toString());
                } else if (attempt >= configuration.maxAttempts()) {
                    deadLetters.send(handlers.consumer(), record, "handler_failed", error);
                    return Outcome.DEAD_LETTERED;
                } else {
                    LOG.info("{} failed to apply {} (attempt {} of {}): {}", handlers.consumer(), metadata.id(),
                            attempt, configuration.maxAttempts(), error.toString());
                }
                pause(attempt);
            }
        }
    }

    private static CloudEvent envelope(ConsumerRecord<String, byte[]> record) throws InvalidEventException {
        try {
            return KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new InvalidEventException(InvalidEventException.Reason.MALFORMED_ENVELOPE,
                    "not a CloudEvent in Kafka binary mode: " + e.getMessage(), e);
        }
    }

    private static boolean claim(Connection connection, String consumer, EventMetadata metadata) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO inbox (consumer, ce_source, event_id, ce_type, topic, kafka_partition, kafka_offset)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            insert.setString(1, consumer);
            insert.setString(2, metadata.source());
            insert.setString(3, metadata.id());
            insert.setString(4, metadata.type());
            insert.setString(5, metadata.topic());
            insert.setInt(6, metadata.partition());
            insert.setLong(7, metadata.offset());
            return insert.executeUpdate() == 1;
        }
    }

    private void pause(int attempt) {
        long millis = Math.min(MAX_BACKOFF.toMillis(),
                configuration.retryBackoff().toMillis() << Math.min(attempt - 1, 16));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a record", e);
        }
    }

    private static Throwable unwrap(RuntimeException e) {
        Throwable error = e;
        while ((error.getClass() == RuntimeException.class || error.getClass().getName().endsWith("TransactionSystemException"))
                && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    private void count(String consumer, ConsumerRecord<String, byte[]> record, Outcome outcome) {
        Counter.builder("layerline.events.consumed")
                .description("Records a consumer took off a topic, by what became of them")
                .tag("consumer", consumer)
                .tag("topic", record.topic())
                .tag("outcome", outcome.name().toLowerCase())
                .register(meters)
                .increment();
    }
}

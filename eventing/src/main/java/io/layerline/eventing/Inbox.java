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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
     * Applies a poll's records in one transaction — one commit instead of one per record, and consecutive events of
     * a type with one call of their handler. Records that cannot be decoded are dead-lettered first. If the
     * transaction fails for any reason, nothing of it stays and the records are applied one by one, each in its own
     * transaction with bounded retries, so a poison record is retried and dead-lettered alone, and an outage is
     * waited out and then thrown so that the listener reads the poll again.
     */
    public void process(EventHandlers handlers, List<ConsumerRecord<String, byte[]>> records) {
        List<Applicable<?>> applicable = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Optional<DecodedEvent<?>> decoded = codec.decode(envelope(record));
                Optional<Applicable<?>> handled = decoded.flatMap(event -> applicable(handlers, record, event));
                if (decoded.isEmpty()) {
                    count(handlers.consumer(), record, Outcome.OTHER_VERSION);
                } else if (handled.isEmpty()) {
                    count(handlers.consumer(), record, Outcome.NOT_HANDLED);
                } else {
                    applicable.add(handled.get());
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
                Set<List<String>> claimed = claimAll(status.getConnection(), handlers.consumer(), applicable);
                List<Outcome> applied = new ArrayList<>(applicable.size());
                List<Applicable<?>> run = new ArrayList<>();
                for (Applicable<?> one : applicable) {
                    if (!claimed.remove(List.of(one.metadata().source(), one.metadata().id()))) {
                        applied.add(Outcome.DUPLICATE);
                        continue;
                    }
                    if (!run.isEmpty() && run.get(0).event().type() != one.event().type()) {
                        applyRun(run);
                        run.clear();
                    }
                    run.add(one);
                    applied.add(Outcome.PROCESSED);
                }
                applyRun(run);
                return applied;
            });
        } catch (RuntimeException e) {
            LOG.info("{} applies {} records one by one: {}", handlers.consumer(), applicable.size(),
                    unwrap(e).toString());
            for (Applicable<?> one : applicable) {
                count(handlers.consumer(), one.record(), applyAlone(handlers.consumer(), one));
            }
            return;
        }
        for (int i = 0; i < applicable.size(); i++) {
            count(handlers.consumer(), applicable.get(i).record(), outcomes.get(i));
        }
    }

    /** A decoded record with its handler and metadata, ready to be applied. */
    private record Applicable<T extends LayerlineEvent>(ConsumerRecord<String, byte[]> record, DecodedEvent<T> event,
                                                        EventHandlers.Handler<T> handler, EventMetadata metadata) {
    }

    /** Applies claimed events of one type, consecutive in the poll (or one alone), with one call of their handler. */
    private static void applyRun(List<Applicable<?>> run) throws Exception {
        if (!run.isEmpty()) {
            applyRun(run.get(0).handler(), run);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends LayerlineEvent> void applyRun(EventHandlers.Handler<T> handler,
                                                            List<Applicable<?>> run) throws Exception {
        handler.apply(run.stream().map(one -> (T) one.event().payload()).toList(),
                run.stream().map(Applicable::metadata).toList());
    }

    /** The record ready to be applied; empty when the consumer has no handler for its type. */
    private static <T extends LayerlineEvent> Optional<Applicable<?>> applicable(EventHandlers handlers,
                                                                                ConsumerRecord<String, byte[]> record,
                                                                                DecodedEvent<T> event) {
        return handlers.handlerFor(event.type())
                .map(handler -> new Applicable<>(record, event, handler, metadata(record, event)));
    }

    private static EventMetadata metadata(ConsumerRecord<String, byte[]> record, DecodedEvent<?> event) {
        return new EventMetadata(event.id(), event.source(), event.type().ceType(),
                event.envelope().getTime() == null ? null : event.envelope().getTime().toInstant(),
                record.topic(), record.partition(), record.offset());
    }

    /** Applies one record in a transaction of its own, retried; dead-lettered when it keeps failing. */
    private Outcome applyAlone(String consumer, Applicable<?> one) {
        EventMetadata metadata = one.metadata();
        ConsumerRecord<String, byte[]> record = one.record();
        Instant infrastructureDeadline = null;
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                boolean claimed = transactions.executeWrite(status -> {
                    if (claimAll(status.getConnection(), consumer, List.of(one)).isEmpty()) {
                        return false;
                    }
                    applyRun(List.of(one));
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
                    LOG.warn("{} cannot apply {} for now, retrying: {}", consumer, metadata.id(),
                            error.toString());
                } else if (attempt >= configuration.maxAttempts()) {
                    deadLetters.send(consumer, record, "handler_failed", error);
                    return Outcome.DEAD_LETTERED;
                } else {
                    LOG.info("{} failed to apply {} (attempt {} of {}): {}", consumer, metadata.id(),
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

    /**
     * Claims a poll's events with one statement; the (source, id) of those not claimed before. An event twice in the
     * poll is claimed once.
     */
    private static Set<List<String>> claimAll(Connection connection, String consumer, List<Applicable<?>> events)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO inbox (consumer, ce_source, event_id, ce_type, topic, kafka_partition, kafka_offset)
                SELECT ?, source, id, type, topic, kafka_partition, kafka_offset
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::bigint[])
                     AS claimed (source, id, type, topic, kafka_partition, kafka_offset)
                ON CONFLICT DO NOTHING
                RETURNING ce_source, event_id""")) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("text",
                    events.stream().map(event -> event.metadata().source()).toArray()));
            insert.setArray(3, connection.createArrayOf("text",
                    events.stream().map(event -> event.metadata().id()).toArray()));
            insert.setArray(4, connection.createArrayOf("text",
                    events.stream().map(event -> event.metadata().type()).toArray()));
            insert.setArray(5, connection.createArrayOf("text",
                    events.stream().map(event -> event.metadata().topic()).toArray()));
            insert.setArray(6, connection.createArrayOf("integer",
                    events.stream().map(event -> event.metadata().partition()).toArray()));
            insert.setArray(7, connection.createArrayOf("bigint",
                    events.stream().map(event -> event.metadata().offset()).toArray()));
            Set<List<String>> claimed = new HashSet<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    claimed.add(List.of(rows.getString(1), rows.getString(2)));
                }
            }
            return claimed;
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
        while ((error.getClass() == RuntimeException.class
                || error.getClass().getName().endsWith("TransactionSystemException"))
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

package io.layerline.eventing;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.layerline.contracts.EventCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends outbox rows to Kafka in id order and marks them sent, in one database transaction per batch.
 * One relay per service works at a time (a PostgreSQL advisory lock), so per-key order is the commit order.
 * A crash between send and mark sends a batch again: consumers drop the repeats by event id.
 * Created with the context, so its metrics are exported from the first scrape.
 */
@Context
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /** Arbitrary, constant per table: only relays of the same service share a schema, hence an outbox. */
    private static final long RELAY_LOCK = 0x4c61796572_6c696eL;

    private final TransactionOperations<Connection> transactions;
    private final EventProducer producer;
    private final EventingConfiguration configuration;
    private final Clock clock;
    private final Counter published;
    private final Counter failures;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private volatile Instant quietUntil = Instant.MIN;

    OutboxRelay(TransactionOperations<Connection> transactions, EventProducer producer,
                EventingConfiguration configuration, Clock clock, MeterRegistry meters) {
        this.transactions = transactions;
        this.producer = producer;
        this.configuration = configuration;
        this.clock = clock;
        this.published = Counter.builder("layerline.outbox.published")
                .description("Events the relay handed to Kafka").register(meters);
        this.failures = Counter.builder("layerline.outbox.publish.failures")
                .description("Relay batches that failed and will be sent again").register(meters);
        Gauge.builder("layerline.outbox.pending", pending, AtomicLong::get)
                .description("Outbox events not yet acknowledged by Kafka").register(meters);
        Gauge.builder("layerline.outbox.lag", oldestPendingMillis, millis -> millis.get() / 1000.0)
                .baseUnit("seconds")
                .description("Age of the oldest outbox event not yet acknowledged by Kafka").register(meters);
    }

    @Scheduled(fixedDelay = "${layerline.eventing.outbox.poll-interval:200ms}",
            initialDelay = "${layerline.eventing.outbox.initial-delay:1s}")
    void relayPending() {
        if (Instant.now().isBefore(quietUntil)) {
            return;
        }
        try {
            int sent;
            do {
                sent = relayBatch();
            } while (sent == configuration.outboxBatchSize());
        } catch (RuntimeException e) {
            failures.increment();
            quietUntil = Instant.now().plusSeconds(1);
            LOG.warn("Outbox relay failed, will retry: {}", e.toString());
        }
    }

    /** Sends one batch; the number of events sent, 0 when there was nothing to do or another relay holds the lock. */
    public int relayBatch() {
        return transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            if (!tryLock(connection)) {
                return 0;
            }
            List<OutboxRow> rows = pendingRows(connection);
            if (rows.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
            for (OutboxRow row : rows) {
                acks.add(producer.send(row.toProducerRecord()));
            }
            awaitAll(acks);
            markSent(connection, rows);
            published.increment(rows.size());
            return rows.size();
        });
    }

    @Scheduled(fixedDelay = "${layerline.eventing.outbox.metrics-interval:5s}", initialDelay = "2s")
    void measure() {
        try {
            transactions.executeRead(status -> {
                try (PreparedStatement query = status.getConnection().prepareStatement(
                        "SELECT count(*), min(created_at) FROM outbox WHERE sent_at IS NULL");
                     ResultSet result = query.executeQuery()) {
                    result.next();
                    pending.set(result.getLong(1));
                    Timestamp oldest = result.getTimestamp(2);
                    oldestPendingMillis.set(oldest == null ? 0
                            : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis()));
                    return null;
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("Cannot measure the outbox: {}", e.toString());
        }
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "1m")
    void purge() {
        Instant now = clock.instant();
        transactions.executeWrite(status -> {
            try (PreparedStatement outbox = status.getConnection().prepareStatement(
                    "DELETE FROM outbox WHERE sent_at < ?");
                 PreparedStatement inbox = status.getConnection().prepareStatement(
                         "DELETE FROM inbox WHERE processed_at < ?")) {
                outbox.setTimestamp(1, Timestamp.from(now.minus(configuration.outboxRetention())));
                inbox.setTimestamp(1, Timestamp.from(now.minus(configuration.inboxRetention())));
                return outbox.executeUpdate() + inbox.executeUpdate();
            }
        });
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private List<OutboxRow> pendingRows(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, event_id, topic, partition_key, ce_type, ce_source, ce_subject, ce_time, data_schema, payload
                FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?""")) {
            select.setInt(1, configuration.outboxBatchSize());
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new OutboxRow(result.getLong(1), result.getString(2), result.getString(3),
                            result.getString(4), result.getString(5), result.getString(6), result.getString(7),
                            result.getTimestamp(8).toInstant(), result.getString(9), result.getBytes(10)));
                }
            }
            return rows;
        }
    }

    private void awaitAll(List<Future<RecordMetadata>> acks) {
        long deadline = System.nanoTime() + configuration.sendTimeout().toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new OutboxException("Kafka refused an outbox event", e.getCause());
        } catch (TimeoutException e) {
            throw new OutboxException("Kafka did not acknowledge outbox events within "
                    + configuration.sendTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxException("interrupted while sending outbox events", e);
        }
    }

    private void markSent(Connection connection, List<OutboxRow> rows) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox SET sent_at = ? WHERE id = ANY (?)")) {
            update.setTimestamp(1, Timestamp.from(clock.instant()));
            update.setArray(2, connection.createArrayOf("bigint", rows.stream().map(OutboxRow::id).toArray()));
            update.executeUpdate();
        }
    }

    private record OutboxRow(long id, String eventId, String topic, String partitionKey, String type, String source,
                             String subject, Instant time, String dataSchema, byte[] payload) {

        ProducerRecord<String, byte[]> toProducerRecord() {
            CloudEventBuilder builder = CloudEventBuilder.v1()
                    .withId(eventId)
                    .withSource(URI.create(source))
                    .withType(type)
                    .withTime(time.atOffset(ZoneOffset.UTC))
                    .withExtension(EventCodec.PARTITION_KEY_EXTENSION, partitionKey)
                    .withData(EventCodec.CONTENT_TYPE, payload);
            if (subject != null) {
                builder.withSubject(subject);
            }
            if (dataSchema != null) {
                builder.withDataSchema(URI.create(dataSchema));
            }
            CloudEvent event = builder.build();
            return KafkaMessageFactory.createWriter(topic, partitionKey).writeBinary(event);
        }
    }
}

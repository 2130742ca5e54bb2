package io.layerline.testing;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.layerline.contracts.EventCodec;
import io.layerline.contracts.EventType;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.LayerlineEvent;
import io.layerline.contracts.Topics;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile records on a topic a service consumes: mutations of a valid event's data under its type (wrong types,
 * huge, strange and unicode strings, deep nesting, missing and extra fields), random data, and records that are no
 * CloudEvent at all. A batch is sent on one partition, followed by a valid sentinel event; then every record must
 * have been either applied (its id in the service's inbox) or dead-lettered with a reason — never both, never
 * neither — and the sentinel applied behind them: the partition kept moving. That a dead-lettered event left no
 * effect rests on the inbox writing its row in the effect's transaction (ADR 0003); this fuzz does not compare the
 * service's tables.
 */
public final class TopicFuzz implements AutoCloseable {

    /** Records per type and round. */
    public static final int BATCH = 25;

    private final Map<String, AtomicInteger> casesByTopic = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> appliedByTopic = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> reasonsByTopic = new ConcurrentHashMap<>();
    private final String service;
    private final String jdbcUrl;
    private final String schema;
    private final AutoCloseable running;

    /** One hostile record: a CloudEvent of {@code type} carrying {@code data}, or, with no type, bare bytes. */
    public record Case(String type, byte[] data) {

        @Override
        public String toString() {
            String text = new String(data, StandardCharsets.UTF_8);
            return (type == null ? "raw " : type + " ") + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
        }
    }

    private TopicFuzz(String service, String jdbcUrl, String schema, AutoCloseable running) {
        this.service = service;
        this.jdbcUrl = jdbcUrl;
        this.schema = schema;
        this.running = running;
    }

    /**
     * Starts the service with {@code starter} (its {@code ApplicationContext::run}) on this JVM's Kafka and a
     * database of its own, whose inbox is in {@code schema}.
     */
    public static TopicFuzz start(String service, String schema,
                                  Function<Map<String, Object>, ? extends AutoCloseable> starter) {
        Map<String, String> properties = Infrastructure.serviceProperties();
        return new TopicFuzz(service, properties.get("datasources.default.url"), schema,
                starter.apply(Map.copyOf(properties)));
    }

    /** One batch of hostile records for each consumed event type, each sent on that type's topic. */
    public record Round(Map<EventType<?>, List<Case>> batches) {
    }

    /**
     * Rounds of {@value #BATCH} hostile records per type, each derived from the type's golden sample
     * ({@code samples/v1/<name>.json}).
     */
    public static Arbitrary<Round> rounds(EventType<?>... types) {
        List<Arbitrary<List<Case>>> batches = Arrays.stream(types)
                .<Arbitrary<List<Case>>>map(type -> casesFrom(type).list().ofSize(BATCH)).toList();
        return Combinators.combine(batches).as(lists -> {
            Map<EventType<?>, List<Case>> byType = new LinkedHashMap<>();
            for (int i = 0; i < types.length; i++) {
                byType.put(types[i], lists.get(i));
            }
            return new Round(byType);
        });
    }

    private static Arbitrary<Case> casesFrom(EventType<?> type) {
        String json = new String(Samples.json(type.name()), StandardCharsets.UTF_8);
        return Arbitraries.frequencyOf(
                Tuple.of(8, JsonFuzz.mutationsOf(json).map(data -> new Case(type.ceType(), bytes(data)))),
                Tuple.of(2, JsonFuzz.garbage().map(data -> new Case(type.ceType(), bytes(data)))),
                Tuple.of(1, JsonFuzz.garbage().map(data -> new Case(null, bytes(data)))));
    }

    /** Sends each batch of the round, then accounts for it: see {@link #sendAndAccount(List, LayerlineEvent)}. */
    public void sendAndAccount(Round round) {
        round.batches().forEach((type, cases) -> sendAndAccount(cases, Samples.event(type, type.name())));
    }

    /**
     * Sends {@code cases} and then {@code sentinel} on the sentinel's partition, and asserts every case was either
     * applied or dead-lettered, and the sentinel applied, within a minute.
     */
    private void sendAndAccount(List<Case> cases, LayerlineEvent sentinel) {
        String topic = EventTypes.of(sentinel).topic();
        String key = sentinel.partitionKey();
        String batch = "fuzz-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        try (EventStream events = EventStream.onTestBroker()) {
            for (Case fuzz : cases) {
                String id = batch + "-" + ids.size();
                ids.add(id);
                ProducerRecord<String, byte[]> record = fuzz.type() == null
                        ? new ProducerRecord<>(topic, key, fuzz.data())
                        : KafkaMessageFactory.createWriter(topic, key).writeBinary(envelope(id, fuzz));
                record.headers().add("fuzz_case", bytes(id));
                events.send(record);
            }
            String sentinelId = events.publish(sentinel);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> applied(Set.of(sentinelId)).contains(sentinelId));
        }
        Set<String> applied = applied(new HashSet<>(ids));
        Map<String, String> deadLettered = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> deadLettered(topic, batch), letters -> ids.stream()
                        .allMatch(id -> applied.contains(id) || letters.containsKey(id)));
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            assertThat(applied.contains(id) && deadLettered.containsKey(id))
                    .as("%s was applied and dead-lettered: %s", id, cases.get(i)).isFalse();
        }
        casesByTopic.computeIfAbsent(topic, name -> new AtomicInteger()).addAndGet(ids.size());
        appliedByTopic.computeIfAbsent(topic, name -> new AtomicInteger()).addAndGet(applied.size());
        Map<String, Integer> byReason = reasonsByTopic.computeIfAbsent(topic, name -> new ConcurrentHashMap<>());
        deadLettered.values().forEach(reason -> byReason.merge(reason, 1, Integer::sum));
    }

    /** Prints how many cases each topic was sent and what became of them, and stops the service. */
    @Override
    public void close() {
        new TreeMap<>(casesByTopic).forEach((topic, sent) -> System.out.printf(
                "topic fuzz %s %s: %d cases, %d applied, dead-lettered %s, partition never stuck%n", service, topic,
                sent.get(), appliedByTopic.get(topic).get(),
                new TreeMap<>(reasonsByTopic.getOrDefault(topic, Map.of()))));
        try {
            running.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop " + service, e);
        }
    }

    private static CloudEvent envelope(String id, Case fuzz) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/layerline/fuzz"))
                .withType(fuzz.type())
                .withTime(Instant.now().atOffset(ZoneOffset.UTC))
                .withData(EventCodec.CONTENT_TYPE, fuzz.data())
                .build();
    }

    /** The ids among {@code ids} the service's inbox holds. */
    private Set<String> applied(Set<String> ids) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            return new HashSet<>(Rows.firstColumn(connection, "SELECT event_id FROM " + schema
                    + ".inbox WHERE event_id = ANY (?)", connection.createArrayOf("text", ids.toArray())));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the inbox of " + service, e);
        }
    }

    /** Case id → the reason it was dead-lettered with, for the cases of {@code batch}. */
    private static Map<String, String> deadLettered(String topic, String batch) {
        Map<String, String> letters = new HashMap<>();
        try (EventStream events = EventStream.onTestBroker()) {
            for (ConsumerRecord<String, byte[]> letter : events.records(Topics.deadLetter(topic))) {
                String id = EventStream.header(letter, "fuzz_case");
                if (id != null && id.startsWith(batch)) {
                    assertThat(EventStream.header(letter, "dlq_error_message")).as("the error of " + id).isNotBlank();
                    letters.put(id, EventStream.header(letter, "dlq_reason"));
                }
            }
        }
        return letters;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.layerline.testing;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.layerline.contracts.DecodedEvent;
import io.layerline.contracts.EventCodec;
import io.layerline.contracts.EventType;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.InvalidEventException;
import io.layerline.contracts.LayerlineEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Test access to the event backbone: publish CloudEvents (or raw records, for poison tests) the way producers do,
 * and read what a topic holds from its beginning.
 */
public final class EventStream implements AutoCloseable {

    private final String bootstrapServers;
    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;

    public EventStream(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    public static EventStream onTestBroker() {
        return new EventStream(Infrastructure.kafka().bootstrapServers());
    }

    /** Publishes {@code event} on its topic as a new CloudEvent; its id. */
    public String publish(LayerlineEvent event) {
        CloudEvent cloudEvent = codec.encode(event, URI.create("/layerline/test"), Instant.now());
        send(KafkaMessageFactory.createWriter(EventTypes.of(event).topic(), event.partitionKey())
                .writeBinary(cloudEvent));
        return cloudEvent.getId();
    }

    /** Publishes an exact CloudEvent, e.g. the same one twice, as a redelivery would. */
    public void publish(String topic, String key, CloudEvent cloudEvent) {
        send(KafkaMessageFactory.createWriter(topic, key).writeBinary(cloudEvent));
    }

    /** Sends a raw record, which need not be a CloudEvent at all. */
    public void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + record.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every record the topic holds now, read from the beginning by a consumer of its own. */
    public List<ConsumerRecord<String, byte[]>> records(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("cannot read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The value of a record's last header {@code name}, as text; null when it has none. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The events of {@code type} the topic holds now, decoded and validated. */
    public <T extends LayerlineEvent> List<T> events(EventType<T> type) {
        List<T> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records(type.topic())) {
            try {
                CloudEvent cloudEvent = KafkaMessageFactory.createReader(record).toEvent();
                if (cloudEvent.getType().equals(type.ceType())) {
                    DecodedEvent<?> decoded = codec.decode(cloudEvent).orElseThrow();
                    events.add(type.payloadType().cast(decoded.payload()));
                }
            } catch (InvalidEventException | RuntimeException e) {
                // not an event of this type
            }
        }
        return events;
    }

    /** The events of {@code type} on the test broker that {@code which} picks, now. */
    public static <T extends LayerlineEvent> List<T> announced(EventType<T> type, Predicate<T> which) {
        try (EventStream events = onTestBroker()) {
            return events.events(type).stream().filter(which).toList();
        }
    }

    /** The first event of {@code type} on the test broker that {@code which} picks, waiting up to 30 s for it. */
    public static <T extends LayerlineEvent> T awaitOne(EventType<T> type, Predicate<T> which) {
        return Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> announced(type, which), list -> !list.isEmpty()).get(0);
    }

    public EventCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

package io.layerline.eventing;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.layerline.contracts.EventCodec;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.Topics;
import io.layerline.contracts.v1.ImagePushed;
import io.layerline.testing.EventStream;
import io.layerline.testing.Infrastructure;
import io.micronaut.context.ApplicationContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.layerline.testing.EventStream.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Poison records go to the dead-letter topic with their error, and the partition keeps moving. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLettersIT {

    private static final String KEY = "poison/" + UUID.randomUUID();

    private ApplicationContext consumer;
    private String database;
    private EventStream events;

    @BeforeAll
    void start() {
        database = EventingContexts.newDatabase();
        consumer = EventingContexts.start("consumer", Infrastructure.kafka().bootstrapServers(), database);
        events = EventStream.onTestBroker();
    }

    @AfterAll
    void stop() {
        events.close();
        consumer.close();
    }

    @Test
    void poisonRecordsAreDeadLetteredWithTheirErrorAndTheNextGoodRecordIsProcessed() {
        ImagePushed good = pushed("poison/good", "aa");
        String validPushed = new String(events.codec().toJson(pushed("poison/any", "bb")), StandardCharsets.UTF_8);

        send("not a cloudevent", new ProducerRecord<>(Topics.IMAGES, KEY, "hello".getBytes(StandardCharsets.UTF_8)));
        send("invalid json", cloudEvent(EventTypes.IMAGE_PUSHED.ceType(), "{\"registry\": "));
        send("unknown type", cloudEvent("dev.example.unknown.v1", validPushed));
        send("schema violation", cloudEvent(EventTypes.IMAGE_PUSHED.ceType(),
                validPushed.replaceFirst("sha256:[0-9a-f]{64}", "latest")));
        send("handler failure", cloudEvent(EventTypes.IMAGE_PUSHED.ceType(),
                new String(events.codec().toJson(pushed("poison/handler", "cc")), StandardCharsets.UTF_8)));
        send("good", cloudEvent(EventTypes.IMAGE_PUSHED.ceType(),
                new String(events.codec().toJson(good), StandardCharsets.UTF_8)));

        await().atMost(Duration.ofSeconds(60)).until(() -> EventingContexts.count(database,
                "SELECT count(*) FROM applied_event WHERE digest = ?", good.digest()) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters().size() == 5);

        Map<String, ConsumerRecord<String, byte[]>> letters = deadLetters().stream()
                .collect(Collectors.toMap(record -> header(record, "test_case"), Function.identity()));
        assertThat(letters.keySet()).containsExactlyInAnyOrder(
                "not a cloudevent", "invalid json", "unknown type", "schema violation", "handler failure");
        assertThat(header(letters.get("not a cloudevent"), DeadLetters.ERROR_MESSAGE)).contains("not a CloudEvent");
        assertThat(header(letters.get("invalid json"), DeadLetters.ERROR_MESSAGE)).contains("is not JSON");
        assertThat(header(letters.get("unknown type"), DeadLetters.ERROR_MESSAGE))
                .contains("unknown event type 'dev.example.unknown.v1'");
        assertThat(header(letters.get("schema violation"), DeadLetters.ERROR_MESSAGE)).contains("digest");
        assertThat(letters.values()).extracting(letter -> header(letter, DeadLetters.REASON)).containsExactlyInAnyOrder(
                "malformed_envelope", "malformed_json", "unknown_type", "schema_violation", "handler_failed");
        assertThat(header(letters.get("handler failure"), DeadLetters.ERROR_CLASS))
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(header(letters.get("handler failure"), DeadLetters.ERROR_MESSAGE))
                .contains("this handler cannot apply");

        List<ConsumerRecord<String, byte[]>> originals = events.records(Topics.IMAGES).stream()
                .filter(record -> KEY.equals(record.key())).toList();
        for (ConsumerRecord<String, byte[]> letter : letters.values()) {
            ConsumerRecord<String, byte[]> original = originals.stream()
                    .filter(record -> header(record, "test_case").equals(header(letter, "test_case")))
                    .findFirst().orElseThrow();
            assertThat(header(letter, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(Topics.IMAGES);
            assertThat(header(letter, DeadLetters.ORIGINAL_PARTITION)).isEqualTo(String.valueOf(original.partition()));
            assertThat(header(letter, DeadLetters.ORIGINAL_OFFSET)).isEqualTo(String.valueOf(original.offset()));
            assertThat(header(letter, DeadLetters.CONSUMER)).isEqualTo("test.images");
            assertThat(letter.key()).isEqualTo(KEY);
            assertThat(letter.value()).isEqualTo(original.value());
        }
        assertThat(EventingContexts.count(database, "SELECT count(*) FROM applied_event")).isEqualTo(1);
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters() {
        return events.records(Topics.deadLetter(Topics.IMAGES)).stream()
                .filter(record -> KEY.equals(record.key()))
                .toList();
    }

    private void send(String testCase, ProducerRecord<String, byte[]> record) {
        record.headers().add("test_case", testCase.getBytes(StandardCharsets.UTF_8));
        events.send(record);
    }

    private static ProducerRecord<String, byte[]> cloudEvent(String type, String data) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/layerline/test"))
                .withType(type)
                .withTime(Instant.now().atOffset(java.time.ZoneOffset.UTC))
                .withData(EventCodec.CONTENT_TYPE, data.getBytes(StandardCharsets.UTF_8))
                .build();
        return KafkaMessageFactory.createWriter(Topics.IMAGES, KEY).writeBinary(event);
    }

    private static ImagePushed pushed(String repository, String digestByte) {
        return new ImagePushed("registry.test", repository, "sha256:" + digestByte.repeat(32), List.of("1.0"), 10L,
                null, null, "ci", Instant.parse("2026-11-25T10:00:00Z"));
    }
}

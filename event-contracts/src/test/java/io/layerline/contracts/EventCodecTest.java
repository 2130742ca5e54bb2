package io.layerline.contracts;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.layerline.contracts.v1.ImagePulled;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void refusesToEncodeAPayloadThatBreaksItsSchema() {
        ImagePulled pulled = new ImagePulled("harbor.example.com", "team/app", "latest", null, null,
                Instant.parse("2026-11-25T10:00:00Z"));

        assertThatThrownBy(() -> codec.encode(pulled, URI.create("/test"), Instant.now()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/digest");
    }

    @Test
    void rejectsAnEventTypeNobodyKnows() {
        CloudEvent event = event("dev.example.unknown.v1", "{}");

        assertThatThrownBy(() -> codec.decode(event))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("unknown event type 'dev.example.unknown.v1'")
                .extracting(e -> ((InvalidEventException) e).reason())
                .isEqualTo(InvalidEventException.Reason.UNKNOWN_TYPE);
    }

    @Test
    void skipsAnotherVersionOfAKnownEventSoThatVersionsCanBePublishedSideBySide() throws Exception {
        assertThat(codec.decode(event("dev.layerline.image.built.v2", "{}"))).isEmpty();
    }

    @Test
    void rejectsDataThatIsNotJson() {
        assertThatThrownBy(() -> codec.decode(event(EventTypes.IMAGE_PULLED.ceType(), "{not json")))
                .isInstanceOf(InvalidEventException.class)
                .extracting(e -> ((InvalidEventException) e).reason())
                .isEqualTo(InvalidEventException.Reason.MALFORMED_JSON);
    }

    @Test
    void rejectsDataThatBreaksTheSchemaAndSaysWhere() throws IOException {
        String sample = new String(sample(EventTypes.IMAGE_PULLED), StandardCharsets.UTF_8)
                .replaceFirst("\"digest\": \"sha256:[0-9a-f]+\"", "\"digest\": \"latest\"");

        assertThatThrownBy(() -> codec.decode(event(EventTypes.IMAGE_PULLED.ceType(), sample)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("digest")
                .extracting(e -> ((InvalidEventException) e).reason())
                .isEqualTo(InvalidEventException.Reason.SCHEMA_VIOLATION);
    }

    @Test
    void rejectsAnImageBuiltWithoutAFinalStage() throws IOException {
        String sample = new String(sample(EventTypes.IMAGE_BUILT), StandardCharsets.UTF_8)
                .replace("\"finalStage\": true", "\"finalStage\": false");

        assertThatThrownBy(() -> codec.read(EventTypes.IMAGE_BUILT, sample.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("baseImages");
    }

    @Test
    void ignoresFieldsAddedByALaterMinorRevisionOfTheContract() throws Exception {
        String sample = new String(sample(EventTypes.IMAGE_PULLED), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"addedLater\": {\"any\": [1, 2]},");

        assertThat(codec.decode(event(EventTypes.IMAGE_PULLED.ceType(), sample))).isPresent();
    }

    private byte[] sample(EventType<?> type) throws IOException {
        try (var in = getClass().getClassLoader().getResourceAsStream(type.sampleResource())) {
            return in.readAllBytes();
        }
    }

    private static CloudEvent event(String type, String data) {
        return CloudEventBuilder.v1()
                .withId("1")
                .withSource(URI.create("/test"))
                .withType(type)
                .withData(EventCodec.CONTENT_TYPE, data.getBytes(StandardCharsets.UTF_8))
                .build();
    }
}

package io.layerline.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class GoldenSamplesTest {

    private static final Path SAMPLES = Path.of("src/main/resources/samples");
    private final EventCodec codec = new EventCodec();

    @Test
    void everyEventTypeHasItsSchemaAndACanonicalSample() {
        for (EventType<?> type : EventTypes.ALL) {
            assertThat(getClass().getClassLoader().getResource(type.schemaResource()))
                    .as("schema of %s", type.ceType()).isNotNull();
            assertThat(getClass().getClassLoader().getResource(type.sampleResource()))
                    .as("sample of %s", type.ceType()).isNotNull();
        }
    }

    @TestFactory
    Stream<DynamicTest> everySampleValidatesAgainstItsSchemaAndRoundTripsThroughItsRecordUnchanged() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SAMPLES)) {
            files = walk.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(EventTypes.ALL.size());
        return files.stream().map(file -> DynamicTest.dynamicTest(SAMPLES.relativize(file).toString(), () -> {
            EventType<?> type = typeOf(file);
            byte[] bytes = Files.readAllBytes(file);
            JsonNode original = codec.mapper().readTree(bytes);

            assertThat(codec.validate(type, original)).isEmpty();
            LayerlineEvent payload = codec.read(type, bytes);
            assertThat(payload).isInstanceOf(type.payloadType());
            JsonNode written = codec.mapper().readTree(codec.toJson(payload));
            assertThat(written).isEqualTo(original);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everySampleSurvivesTheCloudEventsEnvelope() {
        return EventTypes.ALL.stream().map(type -> DynamicTest.dynamicTest(type.ceType(), () -> {
            LayerlineEvent payload = codec.read(type, sample(type));
            CloudEvent event = codec.encode(payload, URI.create("/layerline/test"), Instant.parse("2026-11-25T12:00:00Z"));

            assertThat(event.getType()).isEqualTo(type.ceType());
            assertThat(event.getSubject()).isEqualTo(payload.subject());
            assertThat(event.getExtension(EventCodec.PARTITION_KEY_EXTENSION)).isEqualTo(payload.partitionKey());
            assertThat(event.getDataSchema()).hasToString(type.schemaUri());
            DecodedEvent<?> decoded = codec.decode(event).orElseThrow();
            assertThat(decoded.payload()).isEqualTo(payload);
            assertThat(decoded.type()).isEqualTo(type);
        }));
    }

    private byte[] sample(EventType<?> type) throws IOException {
        try (var in = getClass().getClassLoader().getResourceAsStream(type.sampleResource())) {
            return in.readAllBytes();
        }
    }

    private static EventType<?> typeOf(Path file) {
        String name = file.getFileName().toString().replace(".json", "").split("--")[0];
        String version = file.getParent().getFileName().toString();
        return EventTypes.ALL.stream()
                .filter(type -> type.name().equals(name) && ("v" + type.version()).equals(version))
                .findFirst()
                .orElseThrow(() -> new AssertionError("sample " + file + " names no event type"));
    }
}

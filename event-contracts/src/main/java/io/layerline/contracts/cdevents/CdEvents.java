package io.layerline.contracts.cdevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads CDEvents of the specification's releases 0.3.x, 0.4.x and 0.5.x, and validates each against its own
 * release's schema for its type (0.3.0, 0.4.1 and 0.5.1 are bundled; a later patch release of the same minor one
 * is read with it). The release is the context's {@code specversion} (0.5) or {@code version} (0.3, 0.4). Built for a
 * set of accepted kinds, e.g. {@code dev.cdevents.service.deployed}; any version of a kind that the release's schema
 * declares is accepted. Thread-safe.
 */
public final class CdEvents {

    /** The releases read, by their minor version, and the bundled release each is validated with. */
    public static final Map<String, String> RELEASES = Map.of("0.3", "0.3.0", "0.4", "0.4.1", "0.5", "0.5.1");

    private final ObjectMapper mapper = new ObjectMapper();
    /** Release (0.5.1) → kind → schema. */
    private final Map<String, Map<String, JsonSchema>> schemas;

    /** @param kinds the types to accept, without version, e.g. {@code dev.cdevents.service.deployed} */
    public CdEvents(Set<String> kinds) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        this.schemas = RELEASES.values().stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                release -> {
                    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                            builder -> builder.schemaLoaders(loaders -> loaders.schemas(iri ->
                                    bundledSchema(release, iri))));
                    return kinds.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                            kind -> factory.getSchema(resource(schemaFile(release, kind)), config)));
                }));
    }

    /**
     * Reads and validates one CDEvent.
     *
     * @throws InvalidCdEventException with every violation, when it is not JSON, not an accepted type, or breaks
     *                                 its schema
     */
    public CdEvent read(byte[] json) throws InvalidCdEventException {
        JsonNode event;
        try {
            event = mapper.readTree(json);
        } catch (IOException e) {
            throw new InvalidCdEventException("the body is not JSON", List.of(e.getMessage()));
        }
        return read(event);
    }

    public CdEvent read(JsonNode event) throws InvalidCdEventException {
        if (event == null || !event.isObject()) {
            throw new InvalidCdEventException("a CDEvent is a JSON object with a context and a subject", List.of());
        }
        JsonNode context = event.path("context");
        String specVersion = context.path("specversion").asText(context.path("version").asText(""));
        String release = RELEASES.get(minorOf(specVersion));
        if (release == null) {
            throw new InvalidCdEventException("context.specversion '" + specVersion + "' is not a CDEvents release "
                    + "this service reads: " + RELEASES.keySet().stream().sorted().map(minor -> minor + ".x")
                    .toList(), List.of());
        }
        Map<String, JsonSchema> byKind = schemas.get(release);
        String type = context.path("type").asText("");
        JsonSchema schema = byKind.get(kindOf(type));
        if (schema == null) {
            throw new InvalidCdEventException("context.type '" + type + "' is not one of the accepted CDEvents "
                    + byKind.keySet().stream().sorted().toList(), List.of());
        }
        List<String> violations = schema.validate(event).stream()
                .map(ValidationMessage::getMessage).sorted().toList();
        if (!violations.isEmpty()) {
            throw new InvalidCdEventException("the CDEvent violates the " + release + " schema of " + type,
                    violations);
        }
        Instant timestamp;
        try {
            timestamp = Instant.parse(context.path("timestamp").asText());
        } catch (DateTimeParseException e) {
            throw new InvalidCdEventException("context.timestamp is not an ISO-8601 instant",
                    List.of(e.getMessage()));
        }
        return new CdEvent(type, context.path("id").asText(), context.path("source").asText(), timestamp,
                event.path("subject").path("id").asText(), event.path("subject").path("content"));
    }

    /** {@code dev.cdevents.service.deployed.0.3.0} → {@code dev.cdevents.service.deployed}. */
    static String kindOf(String type) {
        String[] parts = type.split("\\.");
        return parts.length < 4 ? type : String.join(".", parts[0], parts[1], parts[2], parts[3]);
    }

    /** {@code 0.4.1} → {@code 0.4}. */
    private static String minorOf(String version) {
        String[] parts = version.split("\\.");
        return parts.length < 2 ? version : parts[0] + "." + parts[1];
    }

    /** {@code dev.cdevents.service.deployed} → {@code servicedeployed.json}, as the specification names them. */
    private static String schemaFile(String release, String kind) {
        String[] parts = kind.split("\\.");
        if (parts.length != 4 || !parts[0].equals("dev") || !parts[1].equals("cdevents")) {
            throw new IllegalArgumentException("not a CDEvents kind: " + kind);
        }
        return "cdevents/" + release + "/schemas/" + parts[2] + parts[3] + ".json";
    }

    /** A schema a release's schema refers to ({@code https://cdevents.dev/0.4.1/schema/links/…}), from the bundle. */
    private static String bundledSchema(String release, String iri) {
        String base = "https://cdevents.dev/" + release + "/schema/";
        if (!iri.startsWith(base)) {
            return null;
        }
        try (InputStream in = resource("cdevents/" + release + "/schemas/" + iri.substring(base.length()) + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = CdEvents.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("CDEvents schema " + name + " is not on the class path");
        }
        return in;
    }
}

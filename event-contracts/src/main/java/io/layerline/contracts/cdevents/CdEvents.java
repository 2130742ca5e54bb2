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
 * Reads CDEvents 0.5.1 and validates each against the specification's own schema for its type. Built for a set of
 * accepted kinds, e.g. {@code dev.cdevents.service.deployed}; any version of a kind that the shipped schema
 * declares is accepted. Thread-safe.
 */
public final class CdEvents {

    public static final String SPEC_VERSION = "0.5.1";
    private static final String SCHEMA_BASE = "https://cdevents.dev/0.5.1/schema/";
    private static final String RESOURCES = "cdevents/0.5.1/schemas/";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, JsonSchema> schemasByKind;

    /** @param kinds the types to accept, without version, e.g. {@code dev.cdevents.service.deployed} */
    public CdEvents(Set<String> kinds) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(CdEvents::bundledSchema)));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        this.schemasByKind = kinds.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                kind -> factory.getSchema(resource(schemaFile(kind)), config)));
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
        String type = event.path("context").path("type").asText("");
        JsonSchema schema = schemasByKind.get(kindOf(type));
        if (schema == null) {
            throw new InvalidCdEventException("context.type '" + type + "' is not one of the accepted CDEvents "
                    + schemasByKind.keySet().stream().sorted().toList(), List.of());
        }
        List<String> violations = schema.validate(event).stream()
                .map(ValidationMessage::getMessage).sorted().toList();
        if (!violations.isEmpty()) {
            throw new InvalidCdEventException("the CDEvent violates the " + SPEC_VERSION + " schema of " + type,
                    violations);
        }
        JsonNode context = event.path("context");
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

    /** {@code dev.cdevents.service.deployed} → {@code servicedeployed.json}, as the specification names them. */
    private static String schemaFile(String kind) {
        String[] parts = kind.split("\\.");
        if (parts.length != 4 || !parts[0].equals("dev") || !parts[1].equals("cdevents")) {
            throw new IllegalArgumentException("not a CDEvents kind: " + kind);
        }
        return RESOURCES + parts[2] + parts[3] + ".json";
    }

    private static String bundledSchema(String iri) {
        if (!iri.startsWith(SCHEMA_BASE)) {
            return null;
        }
        try (InputStream in = resource(RESOURCES + iri.substring(SCHEMA_BASE.length()) + ".json")) {
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

package io.layerline.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns payload records into CloudEvents and back, checking every incoming payload against its JSON Schema.
 * Thread-safe; build one per application.
 */
public final class EventCodec {

    public static final String CONTENT_TYPE = "application/json";
    /** CloudEvents partitioning extension: the partition key, also carried as the Kafka record key. */
    public static final String PARTITION_KEY_EXTENSION = "partitionkey";

    private final ObjectMapper mapper;
    private final Map<String, JsonSchema> schemas;

    public EventCodec() {
        this.mapper = objectMapper();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(EventTypes.SCHEMA_BASE_URI,
                        "classpath:schemas/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        this.schemas = EventTypes.ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::ceType,
                type -> factory.getSchema(SchemaLocation.of(type.schemaUri()), config)));
    }

    /** The JSON mapping every producer and consumer of the contracts uses: ISO-8601 times, absent nulls. */
    public static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    /** Wraps {@code payload} in a new CloudEvent with a fresh id. */
    public CloudEvent encode(LayerlineEvent payload, URI source, Instant time) {
        return encode(payload, UUID.randomUUID().toString(), source, time);
    }

    /**
     * Wraps {@code payload} in a CloudEvent with the given id.
     *
     * @throws IllegalArgumentException when the payload breaks its schema: a producer never emits what its own
     *                                  consumers would dead-letter
     */
    public CloudEvent encode(LayerlineEvent payload, String id, URI source, Instant time) {
        EventType<?> type = EventTypes.of(payload);
        JsonNode tree = mapper.valueToTree(payload);
        List<String> violations = validate(type, tree);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(type.ceType() + " breaks its schema: " + violations);
        }
        byte[] data;
        try {
            data = mapper.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + type.ceType() + " as JSON", e);
        }
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(type.ceType())
                .withSubject(payload.subject())
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType(CONTENT_TYPE)
                .withDataSchema(URI.create(type.schemaUri()))
                .withExtension(PARTITION_KEY_EXTENSION, payload.partitionKey())
                .withData(data)
                .build();
    }

    public byte[] toJson(LayerlineEvent payload) {
        try {
            return mapper.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + payload.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads a CloudEvent into its payload record.
     *
     * @return empty when the event is another version of an event we know (published beside ours during a
     *         migration), which a consumer of this version skips
     * @throws InvalidEventException when the event can never be processed
     */
    public Optional<DecodedEvent<?>> decode(CloudEvent event) throws InvalidEventException {
        Optional<EventType<?>> type = EventTypes.byCeType(event.getType());
        if (type.isEmpty()) {
            if (EventTypes.isOtherVersionOfKnownEvent(event.getType())) {
                return Optional.empty();
            }
            throw new InvalidEventException(InvalidEventException.Reason.UNKNOWN_TYPE,
                    "unknown event type '" + event.getType() + "'");
        }
        CloudEventData data = event.getData();
        if (data == null) {
            throw new InvalidEventException(InvalidEventException.Reason.MALFORMED_JSON,
                    "event " + event.getId() + " of type " + event.getType() + " has no data");
        }
        return Optional.of(decode(type.get(), data.toBytes(), event));
    }

    /** Reads JSON that claims to be a {@code type} payload, validating it against the type's schema. */
    public <T extends LayerlineEvent> T read(EventType<T> type, byte[] json) throws InvalidEventException {
        return decode(type, json, null).payload();
    }

    private <T extends LayerlineEvent> DecodedEvent<T> decode(EventType<T> type, byte[] json, CloudEvent envelope)
            throws InvalidEventException {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (IOException e) {
            throw new InvalidEventException(InvalidEventException.Reason.MALFORMED_JSON,
                    "data of " + type.ceType() + " is not JSON: " + e.getMessage(), e);
        }
        List<String> violations = validate(type, tree);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(InvalidEventException.Reason.SCHEMA_VIOLATION,
                    "data of " + type.ceType() + " violates " + type.schemaUri() + ": " + String.join("; ", violations));
        }
        try {
            return new DecodedEvent<>(type, mapper.treeToValue(tree, type.payloadType()), envelope);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(InvalidEventException.Reason.SCHEMA_VIOLATION,
                    "data of " + type.ceType() + " does not map to " + type.payloadType().getSimpleName() + ": "
                            + e.getOriginalMessage(), e);
        }
    }

    /**
     * Every way {@code json} breaks the schema of {@code type}, as readable sentences; empty when it is valid. A valid
     * payload, nearly every one, is checked by the schema's yes-or-no walk, which stops at the first violation and
     * writes no message; only an invalid one is walked again for its sentences.
     */
    public List<String> validate(EventType<?> type, JsonNode json) {
        JsonSchema schema = schemas.get(type.ceType());
        if (schema.validate(json, OutputFormat.BOOLEAN)) {
            return List.of();
        }
        return schema.validate(json).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    /** The mapper, for tests and tools that compare JSON trees the way the codec reads them. */
    public ObjectMapper mapper() {
        return mapper;
    }
}

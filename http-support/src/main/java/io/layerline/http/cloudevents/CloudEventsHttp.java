package io.layerline.http.cloudevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an event out of an HTTP request the way the CloudEvents HTTP binding (1.0) sends it:
 * <ul>
 *   <li>binary mode: the attributes in {@code ce-*} headers, the data as the body;</li>
 *   <li>structured mode: {@code application/cloudevents+json}, the data in {@code data} or, base64-encoded, in
 *       {@code data_base64} — and, leniently, any JSON object body that carries {@code specversion};</li>
 *   <li>otherwise a plain JSON body, the data itself, without an envelope.</li>
 * </ul>
 * A body in a charset other than UTF-8 is decoded by its {@code charset} parameter. Only JSON data is taken: every
 * ingress reads JSON.
 */
@Singleton
public class CloudEventsHttp {

    public static final String STRUCTURED = "application/cloudevents+json";
    private static final Set<String> CONTEXT = Set.of("specversion", "id", "source", "type", "subject", "time",
            "datacontenttype", "dataschema", "data", "data_base64");

    private final ObjectMapper json;

    public CloudEventsHttp(ObjectMapper json) {
        this.json = json;
    }

    public IncomingEvent read(HttpHeaders headers, byte[] body) throws UnreadableEventException {
        Optional<MediaType> contentType = headers.contentType();
        if (headers.contains("ce-specversion")) {
            return new IncomingEvent(binaryEnvelope(headers), parse(body, contentType, "body"));
        }
        JsonNode parsed = parse(body, contentType, "body");
        boolean structured = contentType.map(type -> type.getName().equalsIgnoreCase(STRUCTURED)).orElse(false);
        if (!structured && !(parsed.isObject() && parsed.has("specversion"))) {
            return new IncomingEvent(null, parsed);
        }
        if (!parsed.isObject()) {
            throw new UnreadableEventException("body", "must be a CloudEvent, a JSON object");
        }
        return new IncomingEvent(structuredEnvelope((ObjectNode) parsed), structuredData((ObjectNode) parsed));
    }

    private IncomingEvent.Envelope binaryEnvelope(HttpHeaders headers) throws UnreadableEventException {
        Map<String, String> extensions = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("ce-") && !CONTEXT.contains(name.substring(3)) && !header.getValue().isEmpty()) {
                extensions.put(name.substring(3), header.getValue().get(0));
            }
        }
        return new IncomingEvent.Envelope(required(headers.get("ce-specversion"), "ce-specversion"),
                required(headers.get("ce-id"), "ce-id"), required(headers.get("ce-source"), "ce-source"),
                required(headers.get("ce-type"), "ce-type"), headers.get("ce-subject"), headers.get("ce-time"),
                extensions);
    }

    private static IncomingEvent.Envelope structuredEnvelope(ObjectNode event) throws UnreadableEventException {
        Map<String, String> extensions = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = event.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!CONTEXT.contains(field.getKey()) && field.getValue().isValueNode() && !field.getValue().isNull()) {
                extensions.put(field.getKey().toLowerCase(Locale.ROOT), field.getValue().asText());
            }
        }
        return new IncomingEvent.Envelope(required(text(event, "specversion"), "specversion"),
                required(text(event, "id"), "id"), required(text(event, "source"), "source"),
                required(text(event, "type"), "type"), text(event, "subject"), text(event, "time"), extensions);
    }

    private JsonNode structuredData(ObjectNode event) throws UnreadableEventException {
        if (event.hasNonNull("data")) {
            return event.get("data");
        }
        if (!event.hasNonNull("data_base64")) {
            return MissingNode.getInstance();
        }
        if (!event.get("data_base64").isTextual()) {
            throw new UnreadableEventException("data_base64", "must be a base64 string");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(event.get("data_base64").asText());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("data_base64", "is not base64");
        }
        return parse(data, Optional.empty(), "data_base64");
    }

    private JsonNode parse(byte[] body, Optional<MediaType> contentType, String field)
            throws UnreadableEventException {
        Charset charset;
        try {
            charset = contentType.flatMap(MediaType::getCharset).orElse(StandardCharsets.UTF_8);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnreadableEventException("content-type", "names a charset this service cannot read");
        }
        JsonNode parsed;
        try {
            parsed = charset.equals(StandardCharsets.UTF_8) ? json.readTree(body)
                    : json.readTree(new String(body, charset));
        } catch (IOException e) {
            throw new UnreadableEventException(field, "is not JSON");
        }
        if (parsed == null || parsed.isMissingNode()) {
            throw new UnreadableEventException(field, "is not JSON");
        }
        return parsed;
    }

    private static String text(JsonNode event, String name) throws UnreadableEventException {
        JsonNode value = event.get(name);
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw new UnreadableEventException(name, "must be a string");
        }
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String required(String value, String name) throws UnreadableEventException {
        if (value == null || value.isBlank()) {
            throw new UnreadableEventException(name, "is required");
        }
        return value;
    }
}

package io.layerline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.layerline.contracts.EventCodec;
import io.layerline.contracts.EventType;
import io.layerline.contracts.InvalidEventException;
import io.layerline.contracts.LayerlineEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The golden samples of the event contracts ({@code samples/v1/<name>.json}), as they are or with fields changed. */
public final class Samples {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec CODEC = new EventCodec();

    private Samples() {
    }

    /** The sample's JSON. */
    public static byte[] json(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/v1/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample as an event. */
    public static <T extends LayerlineEvent> T event(EventType<T> type, String name) {
        return event(type, name, Map.of());
    }

    /**
     * The sample as an event, with the values at some JSON pointers replaced, e.g. {@code /image/digest}; the result
     * must still be valid.
     */
    public static <T extends LayerlineEvent> T event(EventType<T> type, String name, Map<String, ?> changes) {
        try {
            ObjectNode sample = (ObjectNode) JSON.readTree(json(name));
            changes.forEach((pointer, value) -> {
                int slash = pointer.lastIndexOf('/');
                JsonNode parent = slash == 0 ? sample : sample.at(pointer.substring(0, slash));
                if (!(parent instanceof ObjectNode object)) {
                    throw new IllegalArgumentException(name + " has no object at " + pointer.substring(0, slash));
                }
                object.set(pointer.substring(slash + 1), JSON.valueToTree(value));
            });
            return CODEC.read(type, JSON.writeValueAsBytes(sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidEventException e) {
            throw new IllegalArgumentException("the changed sample " + name + " is not a valid " + type.ceType()
                    + ": " + e.getMessage(), e);
        }
    }
}

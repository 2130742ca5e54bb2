package io.layerline.http.cloudevents;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;
import java.util.Optional;

/**
 * What a request to an ingress carried: the JSON data, and the CloudEvents envelope around it when it came as a
 * CloudEvent (binary or structured mode); none for a plain JSON body.
 */
public record IncomingEvent(@Nullable Envelope envelope, JsonNode data) {

    /**
     * The context attributes of a CloudEvent, each as the text it was sent as.
     *
     * @param extensions attributes beyond the spec's (Harbor's {@code operator}, say), by lower-case name
     */
    public record Envelope(String specVersion, String id, String source, String type, @Nullable String subject,
                           @Nullable String time, Map<String, String> extensions) {

        public Optional<String> extension(String name) {
            return Optional.ofNullable(extensions.get(name));
        }
    }

    public Optional<Envelope> cloudEvent() {
        return Optional.ofNullable(envelope);
    }
}

package io.layerline.contracts.cdevents;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A CDEvent that validated against its schema.
 *
 * @param type      e.g. {@code dev.cdevents.service.deployed.0.3.0}
 * @param subjectId what the event is about, e.g. the service name for service events
 * @param content   {@code subject.content}, whose fields depend on the type
 */
public record CdEvent(String type, String id, String source, Instant timestamp, String subjectId, JsonNode content) {

    /** The type without its version, e.g. {@code dev.cdevents.service.deployed}. */
    public String kind() {
        return CdEvents.kindOf(type);
    }
}

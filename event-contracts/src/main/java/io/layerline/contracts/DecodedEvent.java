package io.layerline.contracts;

import io.cloudevents.CloudEvent;

/** A CloudEvent whose data validated against its contract and was read into the payload record. */
public record DecodedEvent<T extends LayerlineEvent>(EventType<T> type, T payload, CloudEvent envelope) {

    public String id() {
        return envelope.getId();
    }

    public String source() {
        return envelope.getSource().toString();
    }
}

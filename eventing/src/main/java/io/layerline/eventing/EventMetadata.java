package io.layerline.eventing;

import java.time.Instant;

/** Where an event came from and where it was read, for handlers that record or log it. */
public record EventMetadata(String id, String source, String type, Instant time, String topic, int partition,
                            long offset) {
}

package io.layerline.eventing;

import io.layerline.contracts.LayerlineEvent;

/**
 * Applies one event inside the consumer's database transaction. Whatever it writes, including outbox events,
 * commits together with the inbox entry that marks the event processed, or not at all.
 */
@FunctionalInterface
public interface EventHandler<T extends LayerlineEvent> {

    void handle(T event, EventMetadata metadata) throws Exception;
}

package io.layerline.eventing;

import io.layerline.contracts.LayerlineEvent;

import java.util.List;

/**
 * Applies consecutive events of one type from a poll together, inside the consumer's database transaction, so that
 * their writes can go to the database in JDBC batches rather than a round trip each. The events are in the order
 * they were read (a partition's in its order) and already claimed in the inbox; whatever the handler writes commits
 * with those claims or not at all. When the batch fails, the inbox calls the handler again with one event at a time.
 */
@FunctionalInterface
public interface BatchHandler<T extends LayerlineEvent> {

    void handleAll(List<T> events) throws Exception;
}

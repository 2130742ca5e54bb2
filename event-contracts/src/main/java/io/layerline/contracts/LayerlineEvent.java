package io.layerline.contracts;

/**
 * The payload of an event on a Layerline topic.
 * Every event names the key that orders it: all events about one repository (or one service's deployments)
 * share a partition and are consumed in the order they were published.
 */
public interface LayerlineEvent {

    /** The Kafka record key: the repository full name for image events, the service name for deployments. */
    String partitionKey();

    /** The CloudEvents {@code subject}: what the event is about, for people and filters. */
    String subject();
}

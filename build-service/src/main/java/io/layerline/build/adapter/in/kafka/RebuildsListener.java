package io.layerline.build.adapter.in.kafka;

import io.layerline.build.application.RebuildRepositories;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.Topics;
import io.layerline.eventing.EventConsumer;
import io.layerline.eventing.EventHandlers;
import io.layerline.eventing.Inbox;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * The catalog's rebuild requests become builds of the repositories' stored definitions, queued in the transaction
 * that claims the request, so each request builds once. Records that cannot be applied go to
 * {@code layerline.rebuilds.dlq} after the inbox's retries.
 */
@EventConsumer(group = "${layerline.eventing.consumer-group:build-service}")
class RebuildsListener {

    private final Inbox inbox;
    private final EventHandlers handlers;

    RebuildsListener(Inbox inbox, RebuildRepositories builds) {
        this.inbox = inbox;
        this.handlers = EventHandlers.forConsumer("build.rebuilds")
                .onBatch(EventTypes.REBUILD_REQUESTED, requests -> builds.rebuild(requests.stream()
                        .map(request -> new RebuildRepositories.Request(request.registry(), request.repository(),
                                request.cascadeId(), request.newBaseDigest())).toList()))
                .build();
    }

    @Topic(Topics.REBUILDS)
    void receive(List<ConsumerRecord<String, byte[]>> records) {
        inbox.process(handlers, records);
    }
}

package io.layerline.eventing;

import io.layerline.contracts.EventType;
import io.layerline.contracts.LayerlineEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event types one consumer applies, each with its handler: one that applies an event at a time, or one that
 * applies a poll's consecutive events of the type together. Events of other known types on the same topic are
 * skipped.
 *
 * @param consumer the name the inbox remembers processed events under, e.g. {@code catalog.images}
 */
public record EventHandlers(String consumer, Map<EventType<?>, Handler<?>> handlers) {

    public EventHandlers {
        handlers = Map.copyOf(handlers);
    }

    public static Builder forConsumer(String consumer) {
        return new Builder(consumer);
    }

    @SuppressWarnings("unchecked")
    <T extends LayerlineEvent> Optional<Handler<T>> handlerFor(EventType<T> type) {
        return Optional.ofNullable((Handler<T>) handlers.get(type));
    }

    /** How the inbox applies a run of claimed events of one type, with what it read them from. */
    @FunctionalInterface
    interface Handler<T extends LayerlineEvent> {
        void apply(List<T> events, List<EventMetadata> metadata) throws Exception;
    }

    public static final class Builder {
        private final String consumer;
        private final Map<EventType<?>, Handler<?>> handlers = new LinkedHashMap<>();

        private Builder(String consumer) {
            this.consumer = consumer;
        }

        /** Applies events of {@code type} one at a time. */
        public <T extends LayerlineEvent> Builder on(EventType<T> type, EventHandler<T> handler) {
            return add(type, (events, metadata) -> {
                for (int i = 0; i < events.size(); i++) {
                    handler.handle(events.get(i), metadata.get(i));
                }
            });
        }

        /** Applies a poll's consecutive events of {@code type} together. */
        public <T extends LayerlineEvent> Builder onBatch(EventType<T> type, BatchHandler<T> handler) {
            return add(type, (events, metadata) -> handler.handleAll(events));
        }

        private <T extends LayerlineEvent> Builder add(EventType<T> type, Handler<T> handler) {
            if (handlers.putIfAbsent(type, handler) != null) {
                throw new IllegalArgumentException(consumer + " has two handlers for " + type.ceType());
            }
            return this;
        }

        public EventHandlers build() {
            return new EventHandlers(consumer, handlers);
        }
    }
}

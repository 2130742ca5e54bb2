package io.layerline.eventing;

import io.layerline.contracts.EventType;
import io.layerline.contracts.LayerlineEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The event types one consumer applies, each with its handler. Events of other known types on the same topic
 * are skipped.
 *
 * @param consumer the name the inbox remembers processed events under, e.g. {@code catalog.images}
 */
public record EventHandlers(String consumer, Map<EventType<?>, EventHandler<?>> handlers) {

    public EventHandlers {
        handlers = Map.copyOf(handlers);
    }

    public static Builder forConsumer(String consumer) {
        return new Builder(consumer);
    }

    @SuppressWarnings("unchecked")
    <T extends LayerlineEvent> Optional<EventHandler<T>> handlerFor(EventType<T> type) {
        return Optional.ofNullable((EventHandler<T>) handlers.get(type));
    }

    public static final class Builder {
        private final String consumer;
        private final Map<EventType<?>, EventHandler<?>> handlers = new LinkedHashMap<>();

        private Builder(String consumer) {
            this.consumer = consumer;
        }

        public <T extends LayerlineEvent> Builder on(EventType<T> type, EventHandler<T> handler) {
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

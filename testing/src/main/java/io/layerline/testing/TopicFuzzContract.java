package io.layerline.testing;

import io.layerline.contracts.EventType;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The topic fuzz of a service (see {@link TopicFuzz}), as a jqwik container: a service's test extends it, naming
 * the service and the event types it consumes. The service starts with the first try and stops with the container.
 */
public abstract class TopicFuzzContract {

    private static final Map<Class<?>, TopicFuzz> RUNNING = new ConcurrentHashMap<>();

    private final String service;
    private final String schema;
    private final Function<Map<String, Object>, ? extends AutoCloseable> starter;
    private final EventType<?>[] consumed;

    /**
     * @param starter  the service's {@code ApplicationContext::run}
     * @param consumed every event type the service consumes
     */
    protected TopicFuzzContract(String service, String schema,
                                Function<Map<String, Object>, ? extends AutoCloseable> starter,
                                EventType<?>... consumed) {
        this.service = service;
        this.schema = schema;
        this.starter = starter;
        this.consumed = consumed;
    }

    @Property(tries = 8, shrinking = ShrinkingMode.OFF)
    void everyConsumedTopic(@ForAll("rounds") TopicFuzz.Round round) {
        RUNNING.computeIfAbsent(getClass(), test -> TopicFuzz.start(service, schema, starter)).sendAndAccount(round);
    }

    @Provide
    Arbitrary<TopicFuzz.Round> rounds() {
        return TopicFuzz.rounds(consumed);
    }

    @AfterContainer
    static void stop() {
        RUNNING.values().forEach(TopicFuzz::close);
        RUNNING.clear();
    }
}

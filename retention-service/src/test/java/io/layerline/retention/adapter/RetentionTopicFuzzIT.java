package io.layerline.retention.adapter;

import io.layerline.contracts.EventTypes;
import io.layerline.testing.TopicFuzz;
import io.micronaut.context.ApplicationContext;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every topic the retention-service consumes, fed hostile records (see {@link TopicFuzz}): each is applied or
 * dead-lettered with its reason, never both, and the partition keeps moving.
 */
class RetentionTopicFuzzIT {

    private static TopicFuzz fuzz;

    @BeforeContainer
    static void start() {
        fuzz = TopicFuzz.start("retention-service", "retention", ApplicationContext::run);
    }

    @AfterContainer
    static void stop() {
        fuzz.close();
    }

    @Property(tries = 8, shrinking = ShrinkingMode.OFF)
    void everyConsumedTopic(@ForAll("rounds") TopicFuzz.Round round) {
        fuzz.sendAndAccount(round);
    }

    @Provide
    Arbitrary<TopicFuzz.Round> rounds() {
        return TopicFuzz.rounds(EventTypes.IMAGE_PUSHED, EventTypes.DEPLOYMENT_FINISHED, EventTypes.IMAGE_PROMOTED);
    }
}

package io.layerline.promotion.adapter;

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
 * Every topic the promotion-service consumes, fed hostile records (see {@link TopicFuzz}): each is applied or
 * dead-lettered with its reason, never both, and the partition keeps moving.
 */
class PromotionTopicFuzzIT {

    private static TopicFuzz fuzz;

    @BeforeContainer
    static void start() {
        fuzz = TopicFuzz.start("promotion-service", "promotion", ApplicationContext::run);
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
        return TopicFuzz.rounds(EventTypes.DEPLOYMENT_FINISHED);
    }
}

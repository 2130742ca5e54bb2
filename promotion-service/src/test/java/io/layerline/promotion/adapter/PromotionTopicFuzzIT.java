package io.layerline.promotion.adapter;

import io.layerline.contracts.EventTypes;
import io.layerline.testing.TopicFuzzContract;
import io.micronaut.context.ApplicationContext;

/**
 * Every topic the promotion-service consumes, fed hostile records (see {@link TopicFuzzContract}): each is applied or
 * dead-lettered with its reason, never both, and the partition keeps moving.
 */
class PromotionTopicFuzzIT extends TopicFuzzContract {

    PromotionTopicFuzzIT() {
        super("promotion-service", "promotion", ApplicationContext::run,
                EventTypes.DEPLOYMENT_FINISHED);
    }
}

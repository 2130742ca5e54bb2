package io.layerline.retention.adapter;

import io.layerline.contracts.EventTypes;
import io.layerline.testing.TopicFuzzContract;
import io.micronaut.context.ApplicationContext;

/**
 * Every topic the retention-service consumes, fed hostile records (see {@link TopicFuzzContract}): each is applied or
 * dead-lettered with its reason, never both, and the partition keeps moving.
 */
class RetentionTopicFuzzIT extends TopicFuzzContract {

    RetentionTopicFuzzIT() {
        super("retention-service", "retention", ApplicationContext::run,
                EventTypes.IMAGE_PUSHED, EventTypes.DEPLOYMENT_FINISHED, EventTypes.IMAGE_PROMOTED);
    }
}

package io.layerline.build.adapter;

import io.layerline.contracts.EventTypes;
import io.layerline.testing.TopicFuzzContract;
import io.micronaut.context.ApplicationContext;

/**
 * Every topic the build-service consumes, fed hostile records (see {@link TopicFuzzContract}): each is applied or
 * dead-lettered with its reason, never both, and the partition keeps moving.
 */
class BuildTopicFuzzIT extends TopicFuzzContract {

    BuildTopicFuzzIT() {
        super("build-service", "build", ApplicationContext::run,
                EventTypes.REBUILD_REQUESTED);
    }
}

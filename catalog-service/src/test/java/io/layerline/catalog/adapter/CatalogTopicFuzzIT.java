package io.layerline.catalog.adapter;

import io.layerline.contracts.EventTypes;
import io.layerline.testing.TopicFuzzContract;
import io.micronaut.context.ApplicationContext;

/**
 * Every topic the catalog-service consumes, fed hostile records (see {@link TopicFuzzContract}): each is applied or
 * dead-lettered with its reason, never both, and the partition keeps moving.
 */
class CatalogTopicFuzzIT extends TopicFuzzContract {

    CatalogTopicFuzzIT() {
        super("catalog-service", "catalog", ApplicationContext::run,
                EventTypes.IMAGE_BUILT, EventTypes.DEPLOYMENT_FINISHED, EventTypes.IMAGE_PROMOTED);
    }
}

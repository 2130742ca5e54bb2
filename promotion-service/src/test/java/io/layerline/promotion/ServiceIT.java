package io.layerline.promotion;

import io.layerline.testing.OperationalEndpoints;

/** The service starts against real Kafka and PostgreSQL and answers its operational endpoints. */
class ServiceIT extends OperationalEndpoints {

    ServiceIT() {
        super("promotion-service");
    }
}

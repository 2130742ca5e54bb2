package io.layerline.build;

import io.layerline.testing.OperationalEndpoints;

/** The service starts against real Kafka and PostgreSQL and answers its operational endpoints. */
class ServiceIT extends OperationalEndpoints {

    ServiceIT() {
        super("build-service");
    }
}

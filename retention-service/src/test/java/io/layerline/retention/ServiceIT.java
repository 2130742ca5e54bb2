package io.layerline.retention;

import io.layerline.testing.OperationalEndpoints;

/** The service starts against real Kafka and PostgreSQL and answers its operational endpoints. */
class ServiceIT extends OperationalEndpoints {

    ServiceIT() {
        super("retention-service");
    }
}

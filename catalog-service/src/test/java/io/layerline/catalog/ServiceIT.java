package io.layerline.catalog;

import io.layerline.testing.Infrastructure;
import io.layerline.testing.OperationalEndpoints;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.util.Map;

/** The service starts against real Kafka and PostgreSQL and answers its operational endpoints. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceIT extends OperationalEndpoints implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    ServiceIT() {
        super("catalog-service");
    }

    @Override
    protected URI base() {
        return server.getURI();
    }

    @Override
    public Map<String, String> getProperties() {
        return Infrastructure.serviceProperties();
    }
}

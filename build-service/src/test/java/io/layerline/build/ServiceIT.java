package io.layerline.build;

import io.layerline.testing.Infrastructure;
import io.layerline.testing.OperationalEndpoints;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The service starts against real Kafka and PostgreSQL and answers its operational endpoints. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceIT implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Infrastructure.serviceProperties();
    }

    private OperationalEndpoints endpoints() {
        return new OperationalEndpoints(server.getURI(), "build-service");
    }

    @Test
    void isHealthyWithItsDatabaseAndBroker() {
        assertThat(endpoints().health()).contains("\"status\":\"UP\"").contains("jdbc").contains("kafka");
    }

    @Test
    void exportsItsEventingMetricsForPrometheus() {
        assertThat(endpoints().metrics()).contains("layerline_outbox_pending").contains("layerline_outbox_lag_seconds");
    }

    @Test
    void publishesItsOpenApiDocument() {
        assertThat(endpoints().openApi()).contains("openapi: 3").contains("title: build-service");
    }
}

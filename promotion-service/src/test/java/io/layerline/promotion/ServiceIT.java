package io.layerline.promotion;

import io.layerline.testing.Infrastructure;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
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
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return Infrastructure.serviceProperties();
    }

    @Test
    void isHealthyWithItsDatabaseAndBroker() {
        String health = client.toBlocking().retrieve(HttpRequest.GET("/health"));

        assertThat(health).contains("\"status\":\"UP\"").contains("jdbc").contains("kafka");
    }

    @Test
    void exportsItsEventingMetricsForPrometheus() {
        String metrics = client.toBlocking().retrieve(HttpRequest.GET("/prometheus"));

        assertThat(metrics).contains("layerline_outbox_pending").contains("layerline_outbox_lag_seconds");
    }

    @Test
    void publishesItsOpenApiDocument() {
        String document = client.toBlocking().retrieve(HttpRequest.GET("/swagger/promotion-service-v1.yml"));

        assertThat(document).contains("openapi: 3").contains("title: promotion-service");
    }
}

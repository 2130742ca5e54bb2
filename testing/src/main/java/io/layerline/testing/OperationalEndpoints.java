package io.layerline.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service answers besides its API: health with its database and broker, Prometheus metrics with the
 * eventing metrics, and its OpenAPI document. Each service's {@code ServiceIT} extends this class, which runs the
 * service (the one on the test's class path) on the test servers.
 */
public abstract class OperationalEndpoints {

    @RegisterExtension
    static final RunningService SERVICE = RunningService.plain();

    private final String service;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param service the service's name, as in its OpenAPI document's file name */
    protected OperationalEndpoints(String service) {
        this.service = service;
    }

    @Test
    void isHealthyWithItsDatabaseAndBroker() {
        assertThat(get("/health")).contains("\"status\":\"UP\"").contains("jdbc").contains("kafka");
        assertThat(get("/health/liveness")).as("the liveness probe of deploy/k8s").contains("\"status\":\"UP\"");
        assertThat(get("/health/readiness")).as("the readiness probe of deploy/k8s").contains("\"status\":\"UP\"");
    }

    @Test
    void exportsItsEventingMetricsForPrometheus() {
        assertThat(get("/prometheus")).contains("layerline_outbox_pending").contains("layerline_outbox_lag_seconds");
    }

    @Test
    void publishesItsOpenApiDocument() {
        assertThat(get("/swagger/" + service + "-v1.yml")).contains("openapi: 3").contains("title: " + service);
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(SERVICE.base().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(path + " cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package io.layerline.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * What every service answers besides its API: health with its database and broker, Prometheus metrics with the
 * eventing metrics, and its OpenAPI document. Each service's {@code ServiceIT} checks them through this.
 */
public final class OperationalEndpoints {

    private final URI base;
    private final String service;
    private final HttpClient http = HttpClient.newHttpClient();

    public OperationalEndpoints(URI base, String service) {
        this.base = base;
        this.service = service;
    }

    /** {@code /health}: the body of a 200 answer. */
    public String health() {
        return get("/health");
    }

    /** {@code /prometheus}: the scrape. */
    public String metrics() {
        return get("/prometheus");
    }

    /** {@code /swagger/<service>-v1.yml}: the OpenAPI document. */
    public String openApi() {
        return get("/swagger/" + service + "-v1.yml");
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).build(),
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

package io.layerline.promotion.adapter;

import io.layerline.testing.ApiTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The service's REST API as a deployer or an operator calls it: raw HTTP, so bad requests can be sent too. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Api(URI base) {
        this.base = base;
    }

    /** A response: status and body, the body read as JSON when it is JSON. */
    public record Answer(int status, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    public Answer post(String path, String contentType, byte[] body) {
        return post(path, contentType, body, Map.of());
    }

    public Answer post(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = ApiTokens.request(base.resolve(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public Answer postJson(String path, String json) {
        return post(path, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Answer get(String path) {
        return send(ApiTokens.request(base.resolve(path)).GET().build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot call " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A deployment report in the service's own JSON. */
    public static String deployment(String id, String service, String environment, String registry,
                                    String repository, String digest, String status) {
        return """
                {"deploymentId": "%s", "service": "%s", "environment": "%s",
                 "image": {"registry": "%s", "repository": "%s", "digest": "%s", "tag": "1.0"},
                 "status": "%s", "deployer": "argocd", "target": "eu-1",
                 "startedAt": "2026-11-25T10:00:00Z", "finishedAt": "2026-11-25T10:01:00Z"}"""
                .formatted(id, service, environment, registry, repository, digest, status);
    }
}

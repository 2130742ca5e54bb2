package io.layerline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A service's REST API as a deployer, an operator or a CI job calls it: raw HTTP with the admin token of {@link
 * ApiTokens}, so a test can send bad requests as well as good ones and read every answer, whatever its status.
 */
public final class RawApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The API at {@code base}, called with the admin token. */
    public RawApi(URI base) {
        this(base, ApiTokens.ADMIN);
    }

    private RawApi(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The same API called with {@code token} (one of {@link ApiTokens}'). */
    public RawApi as(String token) {
        return new RawApi(base, token);
    }

    /** An answer: its status and body, the body read as JSON when asked. */
    public record Answer(int status, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    public Answer get(String path) {
        return send(request(path).GET().build());
    }

    /** The body of {@code GET path}, read as JSON whatever the status. */
    public JsonNode json(String path) {
        return get(path).json();
    }

    public Answer postJson(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    public Answer post(String path, String contentType, byte[] body) {
        return post(path, contentType, body, Map.of());
    }

    public Answer post(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Any method with a JSON body; a null body sends none. */
    public Answer sendJson(String method, String path, String json) {
        return send(method, path, "application/json", json);
    }

    /** Any method; a null body sends none. */
    public Answer send(String method, String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", ApiTokens.bearer(token));
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
}

package io.layerline.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends hostile requests to one service, checks none is answered with a server error, and counts the cases tried
 * per endpoint, to print when the fuzzing ends.
 */
public final class ApiFuzz {

    private final String service;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, AtomicInteger> tried = new ConcurrentHashMap<>();

    public ApiFuzz(String service, URI base) {
        this.service = service;
        this.base = base;
    }

    /**
     * Sends a request and asserts it is not answered 5xx.
     *
     * @param endpoint what to count the case under, e.g. {@code POST /api/v1/builds}
     * @param body     null for none
     */
    public HttpResponse<String> expectNoServerError(String endpoint, String method, String path, String contentType,
                                                    String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        if (headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            request.header("Authorization", ApiTokens.bearer(ApiTokens.ADMIN));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(endpoint + " broke the connection for " + abbreviate(body), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        tried.computeIfAbsent(endpoint, key -> new AtomicInteger()).incrementAndGet();
        assertThat(response.statusCode()).as(endpoint + " " + path + " with " + abbreviate(body) + " → "
                + abbreviate(response.body())).isLessThan(500);
        return response;
    }

    public HttpResponse<String> expectNoServerError(String endpoint, String method, String path, String body) {
        return expectNoServerError(endpoint, method, path, body == null ? null : "application/json", body, Map.of());
    }

    /** Prints how many cases each endpoint was tried with. */
    public void report() {
        System.out.println(service + " fuzzing, cases tried per endpoint: " + new TreeMap<>(tried));
    }

    private static String abbreviate(String text) {
        return text == null ? "no body" : text.length() > 300 ? text.substring(0, 300) + "…(" + text.length()
                + " chars)" : text;
    }
}

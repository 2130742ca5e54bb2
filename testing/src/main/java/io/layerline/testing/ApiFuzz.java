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
 * Sends hostile requests to one service and checks each answer: never a server error; a 4xx for a JSON body that is
 * not even a JSON object; and, given the service's {@link Tables}, nothing written by a refused request. Counts the
 * cases tried per endpoint and how many were accepted (reached the write path), to print when the fuzzing ends.
 */
public final class ApiFuzz {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final String service;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Tables tables;
    private final Map<String, AtomicInteger> tried = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();

    /** @param tables the service's tables, to check that a refused request wrote nothing */
    public ApiFuzz(String service, URI base, Tables tables) {
        this.service = service;
        this.base = base;
        this.tables = tables;
        tables.quiet();
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
        boolean writes = !method.equals("GET");
        Map<String, String> before = writes ? tables.digest() : Map.of();
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
        String tryDescription = endpoint + " " + path + " with " + abbreviate(body) + " → "
                + abbreviate(response.body());
        assertThat(response.statusCode()).as(tryDescription).isLessThan(500);
        if (writes && response.statusCode() < 300) {
            accepted.computeIfAbsent(endpoint, key -> new AtomicInteger()).incrementAndGet();
        }
        if (body != null && isJson(contentType) && !isJsonObject(body)) {
            assertThat(response.statusCode()).as("not a JSON object: " + tryDescription).isBetween(400, 499);
        }
        if (writes && response.statusCode() >= 400) {
            assertThat(tables.digest()).as("the tables after a refused " + tryDescription).isEqualTo(before);
        }
        return response;
    }

    public HttpResponse<String> expectNoServerError(String endpoint, String method, String path, String body) {
        return expectNoServerError(endpoint, method, path, body == null ? null : "application/json", body, Map.of());
    }

    /** Prints how many cases each endpoint was tried with, and how many of them it accepted. */
    public void report() {
        System.out.println(service + " fuzzing, cases tried per endpoint: " + new TreeMap<>(tried));
        System.out.println(service + " fuzzing, cases accepted (reached the write path) per endpoint: "
                + new TreeMap<>(accepted));
    }

    private static boolean isJson(String contentType) {
        return contentType != null && (contentType.startsWith("application/json") || contentType.contains("+json"));
    }

    /** A byte order mark before the JSON is allowed to be ignored (RFC 8259, section 8.1), and the services do. */
    private static boolean isJsonObject(String body) {
        try {
            return JSON.readTree(body.startsWith("\uFEFF") ? body.substring(1) : body)
                    instanceof com.fasterxml.jackson.databind.node.ObjectNode;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "no body" : text.length() > 300 ? text.substring(0, 300) + "…(" + text.length()
                + " chars)" : text;
    }
}

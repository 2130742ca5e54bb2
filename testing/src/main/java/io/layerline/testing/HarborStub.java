package io.layerline.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Harbor that holds every exchange to Harbor's own API description
 * ({@code conformance/harbor/swagger.yaml}, Harbor v2.0): each request an adapter sends and each canned response
 * a test gives back is validated against it. An unknown path, a wrong method or a body that breaks a schema is
 * recorded as a violation (and answered 400), and {@link #violations()} must be empty at the end of a test.
 * Like Harbor, which serves the distribution API ({@code /v2/}) from the registry behind it, the stub passes
 * {@code /v2/} requests to a real registry: the test registry unless another is given.
 */
public final class HarborStub implements AutoCloseable {

    private static final String SPEC = "conformance/harbor/swagger.yaml";
    private static final String BASE_PATH = "/api/v2.0";
    private static final Set<String> FORWARDED_HEADERS = Set.of("accept", "content-type",
            "authorization");
    private static OpenApiInteractionValidator sharedValidator;

    /** A request as the stub received it; {@code path} is below {@code /api/v2.0}, decoded once. */
    public record Exchange(String method, String path, String rawPath, Map<String, String> query,
                           Map<String, List<String>> headers, String body, Matcher match) {
    }

    /** A canned answer. */
    public record Answer(int status, String body) {

        public static Answer json(int status, String body) {
            return new Answer(status, body);
        }

        public static Answer empty(int status) {
            return new Answer(status, null);
        }
    }

    private record Route(String method, Pattern path, Function<Exchange, Answer> handler) {
    }

    private final HttpServer server;
    private final OpenApiInteractionValidator validator;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<Exchange> received = new CopyOnWriteArrayList<>();
    private final List<String> forwarded = new CopyOnWriteArrayList<>();
    private final HttpClient registryClient = HttpClient.newHttpClient();
    private volatile URI registry;

    private HarborStub() throws IOException {
        this.validator = validator();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    public static HarborStub start() {
        try {
            return new HarborStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code method} requests whose raw path (below {@code /api/v2.0}) matches {@code pathRegex}. */
    public HarborStub on(String method, String pathRegex, Function<Exchange, Answer> handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** {@code host:port}, as the registry part of image references. */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public List<String> violations() {
        return Collections.unmodifiableList(violations);
    }

    public List<Exchange> received() {
        return Collections.unmodifiableList(received);
    }

    /** Passes {@code /v2/} requests to this registry (the test registry by default). */
    public HarborStub withRegistry(URI url) {
        this.registry = url;
        return this;
    }

    /** The {@code /v2/} requests passed to the registry, as {@code METHOD path}. */
    public List<String> forwarded() {
        return Collections.unmodifiableList(forwarded);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            String rawPath = http.getRequestURI().getRawPath();
            String method = http.getRequestMethod();
            if (rawPath.equals("/v2/") || rawPath.startsWith("/v2/")) {
                forward(http);
                return;
            }
            String body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> query = query(http.getRequestURI().getRawQuery());
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, rawPath, true);
            http.getRequestHeaders().forEach((name, values) -> request.withHeader(name, values));
            query.forEach(request::withQueryParam);
            if (!body.isEmpty()) {
                request.withBody(body);
            }
            Request validated = request.build();
            ValidationReport requestReport = validator.validateRequest(validated);
            if (requestReport.hasErrors()) {
                violations.add(method + " " + rawPath + ": " + messages(requestReport));
                respond(http, 400, "{\"errors\":[{\"code\":\"BAD_REQUEST\",\"message\":\"violates the Harbor API\"}]}");
                return;
            }
            String below = rawPath.startsWith(BASE_PATH) ? rawPath.substring(BASE_PATH.length()) : rawPath;
            for (Route route : routes) {
                Matcher match = route.path().matcher(below);
                if (route.method().equals(method) && match.matches()) {
                    Exchange exchange = new Exchange(method, URLDecoder.decode(below, StandardCharsets.UTF_8), below,
                            query, http.getRequestHeaders(), body, match);
                    received.add(exchange);
                    Answer answer = route.handler().apply(exchange);
                    SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.status());
                    if (answer.body() != null) {
                        response.withContentType("application/json").withBody(answer.body());
                    }
                    ValidationReport responseReport = validator.validateResponse(rawPath,
                            Request.Method.valueOf(method), response.build());
                    if (responseReport.hasErrors()) {
                        violations.add("canned answer to " + method + " " + rawPath + ": " + messages(responseReport));
                    }
                    respond(http, answer.status(), answer.body());
                    return;
                }
            }
            violations.add(method + " " + rawPath + ": valid, but this test gave no answer for it");
            respond(http, 501, null);
        } catch (RuntimeException e) {
            violations.add("stub failure: " + e);
            respond(http, 500, null);
        }
    }

    private void forward(HttpExchange http) throws IOException {
        URI target = registry != null ? registry : Registries.registry().url();
        String query = http.getRequestURI().getRawQuery();
        byte[] body = http.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + http.getRequestURI().getRawPath()
                + (query == null ? "" : "?" + query))).method(http.getRequestMethod(), body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        http.getRequestHeaders().forEach((name, values) -> {
            if (FORWARDED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        forwarded.add(http.getRequestMethod() + " " + http.getRequestURI().getRawPath());
        try {
            HttpResponse<byte[]> response = registryClient.send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
                        && !name.startsWith(":")) {
                    http.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            boolean head = http.getRequestMethod().equals("HEAD");
            http.sendResponseHeaders(response.statusCode(), head || answer.length == 0 ? -1 : answer.length);
            if (!head && answer.length > 0) {
                http.getResponseBody().write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(http, 503, null);
        }
    }

    private static void respond(HttpExchange http, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            http.getResponseHeaders().add("Content-Type", "application/json");
        }
        http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            http.getResponseBody().write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.put(name, value);
        }
        return query;
    }

    private static String messages(ValidationReport report) {
        List<String> messages = new ArrayList<>();
        report.getMessages().forEach(message -> messages.add(message.getKey() + ": " + message.getMessage()));
        return String.join("; ", messages);
    }

    private static synchronized OpenApiInteractionValidator validator() throws IOException {
        if (sharedValidator == null) {
            String spec;
            try (InputStream in = HarborStub.class.getClassLoader().getResourceAsStream(SPEC)) {
                if (in == null) {
                    throw new IllegalStateException(SPEC + " is not on the class path");
                }
                spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            sharedValidator = OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                    .withBasePathOverride(BASE_PATH)
                    .build();
        }
        return sharedValidator;
    }
}

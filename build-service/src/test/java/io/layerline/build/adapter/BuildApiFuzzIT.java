package io.layerline.build.adapter;

import io.layerline.testing.Infrastructure;
import io.layerline.testing.JsonFuzz;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile bodies for every POST of the build-service — mutated valid requests (wrong types, huge, strange and
 * missing fields, deep nesting) and garbage — answer 4xx (or 2xx for what is still valid), never 5xx.
 */
class BuildApiFuzzIT {

    private static final String TOKEN = "fuzz-token";
    private static final String SECRET = "fuzz-secret";
    private static final Map<String, AtomicInteger> TRIED = new ConcurrentHashMap<>();
    private static ApplicationContext context;
    private static URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeContainer
    static void startTheService() {
        Map<String, Object> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.put("layerline.build.ingress.token", TOKEN);
        properties.put("layerline.build.harbor.webhook-secret", SECRET);
        properties.put("layerline.build.docker-host", "unix:///nonexistent/docker.sock");
        context = ApplicationContext.run(properties);
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        base = server.getURI();
    }

    @AfterContainer
    static void stopTheService() {
        System.out.println("build-service fuzzing, cases tried per endpoint: " + new TreeMap<>(TRIED));
        context.close();
    }

    @Property(tries = 200)
    void dockerfileAnalysisNeverFails(@ForAll("analysisBodies") String body) throws Exception {
        assertNoServerError("POST /api/v1/dockerfiles/analyze", "application/json", body, null);
    }

    @Property(tries = 200)
    void buildRequestsNeverFail(@ForAll("buildBodies") String body) throws Exception {
        assertNoServerError("POST /api/v1/builds", "application/json", body, null);
    }

    @Property(tries = 200)
    void ciIngressNeverFails(@ForAll("ciBodies") String body) throws Exception {
        assertNoServerError("POST /api/v1/events", "application/json", body, "Bearer " + TOKEN);
    }

    @Property(tries = 200)
    void harborWebhooksNeverFail(@ForAll("harborBodies") String body) throws Exception {
        assertNoServerError("POST /api/v1/webhooks/harbor", "application/json", body, SECRET);
    }

    @Property(tries = 100)
    void contextUploadsNeverFail(@ForAll("bytes") byte[] body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/contexts"))
                .header("Content-Type", "application/x-tar").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        TRIED.computeIfAbsent("POST /api/v1/contexts", key -> new AtomicInteger()).incrementAndGet();
        assertThat(response.statusCode()).as(response.body()).isLessThan(500);
    }

    @Provide
    Arbitrary<String> analysisBodies() {
        return Arbitraries.oneOf(JsonFuzz.mutationsOf("""
                {"content": "FROM scratch\\nCOPY a /a\\nRUN [\\"x\\"]\\n", "path": "build.prod.Dockerfile",
                 "buildArgs": {"A": "1"}}"""), JsonFuzz.garbage());
    }

    @Provide
    Arbitrary<String> buildBodies() {
        return Arbitraries.oneOf(JsonFuzz.mutationsOf("""
                {"repository": "fuzz/app", "registry": "127.0.0.1:5000", "tags": ["1", "latest"],
                 "context": {"id": "sha256:none", "git": {"url": "https://git.example.com/a.git", "ref": "main"}},
                 "dockerfile": "Dockerfile", "target": "final", "buildArgs": {"A": "1"}, "labels": {"a": "b"},
                 "requestedBy": "fuzz"}"""), JsonFuzz.garbage());
    }

    @Provide
    Arbitrary<String> ciBodies() {
        return Arbitraries.oneOf(JsonFuzz.mutationsOf(resource("/samples/v1/image-built.json")),
                JsonFuzz.mutationsOf(resource("/cdevents/0.5.1/conformance/build_finished.json")),
                JsonFuzz.mutationsOf(resource("/cdevents/0.5.1/conformance/artifact_packaged.json")),
                JsonFuzz.garbage());
    }

    @Provide
    Arbitrary<String> harborBodies() {
        return Arbitraries.oneOf(JsonFuzz.mutationsOf("""
                {"type": "PUSH_ARTIFACT", "occur_at": 1764064800, "operator": "robot$ci",
                 "event_data": {"resources": [{"digest": "sha256:%s", "tag": "1.4.2",
                   "resource_url": "harbor.example.com/team/app:1.4.2",
                   "scan_overview": {"report": {"scan_status": "Success", "summary": {"summary": {"High": 1}},
                                                "scanner": {"name": "Trivy"}}}}],
                  "repository": {"name": "app", "namespace": "team", "repo_full_name": "team/app"}}}"""
                .formatted("a".repeat(64))), JsonFuzz.mutationsOf("""
                {"specversion": "1.0", "id": "x", "source": "/projects/1", "type": "harbor.scan.completed",
                 "time": "2026-11-25T10:00:00Z", "operator": "auto",
                 "data": {"resources": [{"digest": "sha256:%s", "tag": "1"}],
                  "repository": {"repo_full_name": "team/app"}}}""".formatted("b".repeat(64))),
                JsonFuzz.garbage());
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(5000);
    }

    private void assertNoServerError(String endpoint, String contentType, String body, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(endpoint.substring(endpoint.indexOf(' ')
                + 1))).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        TRIED.computeIfAbsent(endpoint, key -> new AtomicInteger()).incrementAndGet();
        assertThat(response.statusCode()).as(endpoint + " with " + abbreviate(body) + " → " + response.body())
                .isLessThan(500);
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + " chars)" : body;
    }

    private static String resource(String path) {
        try (InputStream in = BuildApiFuzzIT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(path, e);
        }
    }
}

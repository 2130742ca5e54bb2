package io.layerline.build.adapter;

import io.layerline.build.domain.reference.ImageReference;
import io.layerline.testing.ApiFuzz;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.JsonFuzz;
import io.layerline.testing.Registries;
import io.layerline.testing.Tables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile bodies for every POST of the build-service — mutated valid requests (wrong types, huge, strange and
 * missing fields, deep nesting) and garbage — answer 4xx (or 2xx for what is still valid), never 5xx.
 */
class BuildApiFuzzIT {

    private static final String TOKEN = "fuzz-token";
    private static final String SECRET = "fuzz-secret";
    private static ApplicationContext context;
    private static ApiFuzz fuzz;

    @BeforeContainer
    static void startTheService() {
        Map<String, Object> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.put("layerline.build.ingress.token", TOKEN);
        properties.put("layerline.build.harbor.webhook-secret", SECRET);
        properties.put("layerline.build.docker-host", "unix:///nonexistent/docker.sock");
        properties.put("layerline.build.registry.url", Registries.registry().url().toString());
        properties.put("layerline.build.git.allowed-hosts", "git.example.com");
        context = ApplicationContext.run(properties);
        fuzz = new ApiFuzz("build-service", context.getBean(EmbeddedServer.class).start().getURI(),
                Tables.of(name -> context.getRequiredProperty(name, String.class), "build", "build", "build_log",
                        "harbor_fact", "harbor_tag"));
    }

    @AfterContainer
    static void stopTheService() {
        fuzz.report();
        context.close();
    }

    @Property(tries = 200)
    void dockerfileAnalysisNeverFails(@ForAll("analysisBodies") String body) {
        fuzz.expectNoServerError("POST /api/v1/dockerfiles/analyze", "POST", "/api/v1/dockerfiles/analyze", body);
    }

    @Property(tries = 200)
    void buildRequestsNeverFail(@ForAll("buildBodies") String body) {
        fuzz.expectNoServerError("POST /api/v1/builds", "POST", "/api/v1/builds", body);
    }

    @Property(tries = 200)
    void ciIngressNeverFails(@ForAll("ciBodies") String body) {
        fuzz.expectNoServerError("POST /api/v1/events", "POST", "/api/v1/events", "application/json", body,
                Map.of("Authorization", "Bearer " + TOKEN));
    }

    /** Found by this fuzzer: PostgreSQL refused the NUL with a 500 that carried its own words. */
    @Example
    void aNulInsideACdEventsContextIdIsRefusedNamingTheField() {
        String event = resource("/cdevents/0.5.1/conformance/artifact_packaged.json");
        String id = "\"271069a8-fc18-44f1-b38f-9d70a1695819\"";
        assertThat(event).as("the sample's context.id").contains(id);
        HttpResponse<String> response = fuzz.expectNoServerError("POST /api/v1/events", "POST", "/api/v1/events",
                "application/json", event.replace(id, "\"271069a8\\u0000\""),
                Map.of("Authorization", "Bearer " + TOKEN));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"context.id\"").doesNotContain("ERROR:", "portal");
    }

    @Property(tries = 200)
    void harborWebhooksNeverFail(@ForAll("harborBodies") String body) {
        fuzz.expectNoServerError("POST /api/v1/webhooks/harbor", "POST", "/api/v1/webhooks/harbor",
                "application/json", body, Map.of("Authorization", SECRET));
    }

    @Property(tries = 100)
    void contextUploadsNeverFail(@ForAll("bytes") byte[] body) {
        fuzz.expectNoServerError("POST /api/v1/contexts", "POST", "/api/v1/contexts", "application/x-tar",
                new String(body, StandardCharsets.ISO_8859_1), Map.of());
    }

    @Property(tries = 100)
    void queriesNeverFail(@ForAll("strange") String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        fuzz.expectNoServerError("GET /api/v1/builds", "GET", "/api/v1/builds?repository=" + encoded + "&after="
                + encoded + "&limit=" + encoded, null);
        fuzz.expectNoServerError("GET /api/v1/builds/{…}", "GET", "/api/v1/builds/" + encoded, null);
        fuzz.expectNoServerError("GET /api/v1/efficiency", "GET", "/api/v1/efficiency?registry="
                + Registries.registry().host() + "&repository=" + encoded + "&digest=" + encoded, null);
        if (!ImageReference.isRegistry(value)) {
            // A value that is a host name (say "0") names a registry nobody serves: 502, as documented.
            fuzz.expectNoServerError("GET /api/v1/efficiency", "GET", "/api/v1/efficiency?registry=" + encoded
                    + "&repository=fuzz/app&digest=sha256:" + "0".repeat(64), null);
        }
    }

    @Provide
    Arbitrary<String> strange() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(80),
                Arbitraries.of("sha256:" + "0".repeat(64), "..", "\u0000", "😀", "2026-13-45T99:00:00Z"));
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
                 "context": {"git": {"url": "https://git.example.com/a.git", "ref": "main"}},
                 "dockerfile": "Dockerfile", "target": "final", "buildArgs": {"A": "1"}, "labels": {"a": "b"},
                 "requestedBy": "fuzz", "stageTags": {"builder": ["fuzz/app-builder:1"]},
                 "squash": "onto-base"}"""), JsonFuzz.garbage());
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
                 "data": {"resources": [{"digest": "sha256:%s", "tag": "1",
                   "resource_url": "harbor.example.com/team/app:1"}],
                  "repository": {"repo_full_name": "team/app"}}}""".formatted("b".repeat(64))),
                JsonFuzz.garbage());
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(5000);
    }

    private static String resource(String path) {
        try (InputStream in = BuildApiFuzzIT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(path, e);
        }
    }
}

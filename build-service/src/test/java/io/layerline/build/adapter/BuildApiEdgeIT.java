package io.layerline.build.adapter;

import io.layerline.testing.Registries;
import io.layerline.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The build-service's edge: hostile text in any field of a build request, a Dockerfile analysis, a CI event or a
 * Harbor webhook (Default and CloudEvents formats) is a 400 naming the field, with nothing written, and long text is
 * never a server error; a database failure mid-request answers "internal error" and an id, nothing of its cause.
 */
class BuildApiEdgeIT {

    private static final String TOKEN = "edge-token";
    private static final String SECRET = "edge-secret";
    private static final String BUILD = """
            {"repository": "edge/app", "tags": ["1", "latest"],
             "context": {"git": {"url": "https://git.example.com/a.git", "ref": "main"}},
             "dockerfile": "Dockerfile", "target": "final", "buildArgs": {"A": "1"}, "labels": {"a": "b"},
             "requestedBy": "edge"}""";
    private static final String HARBOR_DEFAULT = """
            {"type": "PUSH_ARTIFACT", "occur_at": 1764064800, "operator": "robot$ci",
             "event_data": {"resources": [{"digest": "sha256:%s", "tag": "1.4.2",
               "resource_url": "harbor.example.com/team/app:1.4.2"}],
              "repository": {"name": "app", "namespace": "team", "repo_full_name": "team/app"}}}"""
            .formatted("a".repeat(64));
    private static final String HARBOR_CLOUDEVENT = """
            {"specversion": "1.0", "id": "edge-1", "source": "/projects/1/webhook/policies/1",
             "type": "harbor.artifact.pushed", "time": "2026-11-25T10:00:00Z", "operator": "admin",
             "datacontenttype": "application/json",
             "data": {"resources": [{"digest": "sha256:%s", "tag": "1",
               "resource_url": "harbor.example.com/team/app:1"}],
              "repository": {"name": "app", "namespace": "team", "repo_full_name": "team/app"}}}"""
            .formatted("b".repeat(64));

    @RegisterExtension
    static final RunningService SERVICE = RunningService.withSchema("build").with(Map.of(
            "layerline.build.ingress.token", TOKEN,
            "layerline.build.harbor.webhook-secret", SECRET,
            "layerline.build.docker-host", "unix:///nonexistent/docker.sock",
            "layerline.build.registry.url", Registries.registry().url().toString()))
            .writingInTheBackground("build", "build_log", "harbor_fact", "harbor_tag");

    @Test
    void hostileTextInAnyFieldOfABuildRequestIsRefusedAndNothingIsWritten() {
        everyField("/api/v1/builds", "application/json", BUILD, Map.of());
    }

    @Test
    void hostileTextInAnyFieldOfADockerfileAnalysisIsRefused() {
        everyField("/api/v1/dockerfiles/analyze", "application/json", """
                {"content": "FROM scratch\\nCOPY a /a\\n", "path": "Dockerfile", "buildArgs": {"A": "1"}}""",
                Map.of());
    }

    @Test
    void hostileTextInAnyFieldOfACiEventIsRefusedAndNothingIsWritten() {
        Map<String, String> token = Map.of("Authorization", "Bearer " + TOKEN);
        everyField("/api/v1/events", "application/json",
                resource("/cdevents/0.5.1/conformance/artifact_published.json"), token);
        everyField("/api/v1/events", "application/json", resource("/samples/v1/image-built.json"), token);
    }

    @Test
    void hostileTextInAnyFieldOfAHarborWebhookIsRefusedAndNothingIsWritten() {
        Map<String, String> secret = Map.of("Authorization", SECRET);
        everyField("/api/v1/webhooks/harbor", "application/json", HARBOR_DEFAULT, secret);
        everyField("/api/v1/webhooks/harbor", "application/cloudevents+json", HARBOR_CLOUDEVENT, secret);
    }

    @Test
    void aDatabaseFailureAnswersWithoutItsCause() {
        SERVICE.edge().hidesAnInternalFailure("GET", "/api/v1/builds", "",
                List.of("ALTER TABLE build.build RENAME TO build_away"),
                List.of("ALTER TABLE build.build_away RENAME TO build"));
    }

    private static void everyField(String path, String contentType, String seed, Map<String, String> headers) {
        SERVICE.edge().refusesHostileTextInEveryField("POST", path, contentType, seed, headers);
        SERVICE.edge().takesLongTextInEveryField("POST", path, contentType, seed, headers);
    }

    private static String resource(String path) {
        try (InputStream in = BuildApiEdgeIT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(path, e);
        }
    }
}

package io.layerline.build.adapter;


import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.build.domain.build.Build;
import io.layerline.build.domain.build.BuildDefinition;
import io.layerline.build.domain.build.BuildState;
import io.layerline.build.domain.build.ContextSource;
import io.layerline.build.domain.build.Squash;
import io.layerline.contracts.v1.BuildFailed;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.ContextArchives;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a build ends other than pushed: cancelled, failed by its Dockerfile, failed because the service stopped, or
 * refused before it is queued — each announced as {@code BuildFailed} with its reason.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildEndingsIT extends BuildHarness {

    @Test
    void aRunningBuildIsCancelledAndAnnouncedAsFailed() throws Exception {
        String base = registry + "/" + repo("base/busybox") + ":1";
        HttpResponse<String> upload = post("/api/v1/contexts", "application/x-tar", ContextArchives.tar(Map.of("Dockerfile",
                ("FROM %s\nRUN [\"/bin/busybox\", \"sleep\", \"120\"]\n").formatted(base)
                        .getBytes(StandardCharsets.UTF_8))));
        String id = JSON.readTree(post("/api/v1/builds", "application/json", JSON.writeValueAsString(Map.of(
                "repository", repo("apps/slow"), "tags", List.of("1"), "context",
                Map.of("id", JSON.readTree(upload.body()).path("id").asText())))).body()).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/builds/" + id + "/log").contains("sleep"));

        assertThat(post("/api/v1/builds/" + id + "/cancel", "application/json", "").statusCode()).isEqualTo(202);

        JsonNode build = JSON.readTree(get("/api/v1/builds/" + id));
        assertThat(build.path("state").asText()).isEqualTo("cancelled");
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> failures(repo("apps/slow")),
                list -> !list.isEmpty()).get(0).reason()).isEqualTo("cancelled");
        assertThat(post("/api/v1/builds/" + id + "/cancel", "application/json", "").statusCode()).isEqualTo(409);
    }

    @Test
    void aBuildThatDiedWithTheServiceIsMarkedFailedAtStart() throws Exception {
        BuildDefinition definition = new BuildDefinition(registry, repo("apps/orphan"),
                new ContextSource.Uploaded("sha256:gone"), "Dockerfile", null, Map.of(), Map.of(), List.of("1"),
                Map.of(), Squash.NONE);
        Build queued = Build.queued(definition, "alice", null, null, null, Instant.now());
        UUID id = queued.id();
        transactions.executeWrite(status -> {
            builds.create(List.of(queued));
            builds.update(queued.start(Instant.now()).orElseThrow(), BuildState.QUEUED);
            return null;
        });

        recovery.onApplicationEvent(null);

        JsonNode build = JSON.readTree(get("/api/v1/builds/" + id));
        assertThat(build.path("state").asText()).isEqualTo("failed");
        assertThat(build.path("reason").asText()).contains("stopped during the build");
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> failures(repo("apps/orphan")),
                list -> !list.isEmpty())).hasSize(1);
    }

    @Test
    void aFailingBuildEndsFailedWithTheReasonAndIsAnnounced() throws Exception {
        String base = registry + "/" + repo("base/busybox") + ":1";
        JsonNode build = buildAndWait(repo("apps/broken"), "1", Map.of("Dockerfile", ("FROM %s\n"
                + "RUN [\"/bin/busybox\", \"false\"]\n").formatted(base).getBytes(StandardCharsets.UTF_8)));

        assertThat(build.path("state").asText()).isEqualTo("failed");
        assertThat(build.path("reason").asText()).contains("the build failed");
        BuildFailed failed = await().atMost(Duration.ofSeconds(30)).until(() -> failures(repo("apps/broken")),
                list -> !list.isEmpty()).get(0);
        assertThat(failed.buildId()).isEqualTo(build.path("id").asText());
        assertThat(post("/api/v1/builds/" + build.path("id").asText() + "/cancel", "application/json", "")
                .statusCode()).isEqualTo(409);
        assertThat(post("/api/v1/builds/" + build.path("id").asText() + "/reproduce", "application/json", "")
                .statusCode()).isEqualTo(409);
        String events = get("/api/v1/builds/" + build.path("id").asText() + "/events");
        assertThat(events).contains("event: state\ndata: failed");
    }

    @Test
    void badBuildRequestsAreRefusedFieldByField() throws Exception {
        HttpResponse<String> empty = post("/api/v1/builds", "application/json", "{\"repository\":\"Bad Name\"}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(empty.body()).path("errors").findValuesAsText("field"))
                .contains("repository", "context", "tags");
        HttpResponse<String> file = post("/api/v1/builds", "application/json", """
                {"repository":"a/b","tags":["1"],"context":{"git":{"url":"file:///etc"}}}""");
        assertThat(JSON.readTree(file.body()).path("errors").findValuesAsText("field")).contains("context.git.url");
        HttpResponse<String> host = post("/api/v1/builds", "application/json", """
                {"repository":"a/b","tags":["1"],"context":{"git":{"url":"https://evil.example.com/x.git"}}}""");
        assertThat(host.body()).contains("not allowed");
        assertThat(post("/api/v1/builds", "application/json", """
                {"repository":"a/b","tags":["1"],"context":{"id":"sha256:nope"}}""").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/builds", "application/json", "{\"tags\": 3").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/builds", "text/plain", "{}").statusCode()).isEqualTo(415);
        assertThat(http.send(ApiTokens.request(URI.create(server.getURI() + "/api/v1/builds/"
                + UUID.randomUUID())).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }
}

package io.layerline.build.adapter;


import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.build.application.port.Builds;
import io.layerline.contracts.v1.BuildFailed;
import io.layerline.contracts.v1.ImageBuilt;
import io.layerline.contracts.v1.RebuildRequested;
import io.layerline.testing.EventStream;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Builds of a stored definition again: a reproducibility check compares the layers, and a cascade of the catalog
 * rebuilds a repository on its new base.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RebuildsIT extends BuildHarness {

    @Test
    void aReproducibilityCheckRebuildsTheDefinitionAndComparesTheLayers() throws Exception {
        JsonNode original = buildAndWait(repo("base/repro"), "1", busyboxContext());
        HttpResponse<String> queued = post("/api/v1/builds/" + original.path("id").asText() + "/reproduce",
                "application/json", "");
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        String id = JSON.readTree(queued.body()).path("id").asText();

        JsonNode rebuilt = await().atMost(Duration.ofSeconds(120)).until(() -> JSON.readTree(get("/api/v1/builds/"
                + id)), build -> build.path("state").asText().equals("pushed"));

        JsonNode report = rebuilt.path("reproducibility");
        assertThat(report.path("original").asText()).isEqualTo(original.path("id").asText());
        assertThat(report.path("layersCompared").asInt()).isEqualTo(1);
        assertThat(report.path("differingLayers").size()).isZero();
        assertThat(report.path("identical").asBoolean())
                .isEqualTo(original.path("digest").asText().equals(rebuilt.path("digest").asText()));
        assertThat(post("/api/v1/builds/" + UUID.randomUUID() + "/reproduce", "application/json", "").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aRebuildRequestedByTheCatalogRebuildsTheStoredDefinition() throws Exception {
        JsonNode first = buildAndWait(repo("base/again"), "1", busyboxContext());
        try (EventStream events = EventStream.onTestBroker()) {
            events.publish(new RebuildRequested("cascade-" + run, 1, registry, repo("base/again"),
                    first.path("digest").asText(), "scratch", null, "sha256:" + "0".repeat(64), "test",
                    Instant.now()));
            events.publish(new RebuildRequested("cascade-" + run, 1, registry, repo("apps/elsewhere"), null,
                    "scratch", null, "sha256:" + "0".repeat(64), "test", Instant.now()));
        }

        ImageBuilt rebuilt = await().atMost(Duration.ofSeconds(60)).until(() -> builtImages(repo("base/again")),
                list -> list.size() >= 2).get(1);
        assertThat(rebuilt.provenance().author()).isEqualTo("cascade cascade-" + run);
        BuildFailed failed = await().atMost(Duration.ofSeconds(30)).until(() -> failures(repo("apps/elsewhere")),
                list -> !list.isEmpty()).get(0);
        assertThat(failed.cascadeId()).isEqualTo("cascade-" + run);
        assertThat(failed.reason()).contains("no build definition");
        JsonNode stored = JSON.readTree(get("/api/v1/builds/" + failed.buildId()));
        assertThat(stored.path("state").asText()).isEqualTo("failed");
        assertThat(stored.path("reason").asText()).isEqualTo(failed.reason());
        assertThat(stored.path("requestedBy").asText()).isEqualTo("cascade cascade-" + run);
        assertThat(stored.path("finishedAt").asText()).isNotEmpty();
    }
}

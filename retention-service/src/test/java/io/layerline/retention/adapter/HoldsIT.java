package io.layerline.retention.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.contracts.v1.ImagePushed;
import io.layerline.testing.EventStream;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.RawApi;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An operator's hold keeps an artifact out of every plan until it is released. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HoldsIT implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Infrastructure.serviceProperties();
    }

    @Test
    void aHeldArtifactIsKeptUntilItsHoldIsReleased() throws Exception {
        String repository = "held-" + UUID.randomUUID().toString().substring(0, 8) + "/app";
        String digest = "sha256:" + "4e".repeat(32);
        try (EventStream events = EventStream.onTestBroker()) {
            events.publish(new ImagePushed("registry.test", repository, digest, List.of("1.0"), 10L, null, null, "ci",
                    Instant.now().minus(Duration.ofDays(90))));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> decision(repository) != null);
        assertThat(decision(repository).path("action").asText()).isEqualTo("DELETE");

        String hold = """
                {"registry": "registry.test", "repository": "%s", "digest": "%s", "reason": "legal"}"""
                .formatted(repository, digest);
        assertThat(send("POST", "/api/v1/holds", hold).status()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/holds", hold).status()).isEqualTo(200);
        assertThat(api().json("/api/v1/holds?limit=1000").findValues("repository").stream()
                .filter(node -> node.asText().equals(repository)).count()).isEqualTo(1);
        assertThat(api().json("/api/v1/holds?limit=1000").toString())
                .as("the hold names who placed it: the caller's token").contains("\"heldBy\":\"test-admin\"");
        JsonNode kept = decision(repository);
        assertThat(kept.path("action").asText()).isEqualTo("KEEP");
        assertThat(kept.path("reasons").asText()).contains("held");

        String query = "?registry=registry.test&repository=" + repository + "&digest=" + digest;
        assertThat(send("DELETE", "/api/v1/holds" + query, null).status()).isEqualTo(204);
        assertThat(send("DELETE", "/api/v1/holds" + query, null).status()).isEqualTo(404);
        assertThat(decision(repository).path("action").asText()).isEqualTo("DELETE");
    }

    @Test
    void anIncompleteHoldIsRefusedFieldByField() throws Exception {
        RawApi.Answer answer = send("POST", "/api/v1/holds", "{\"registry\": \"r\", \"digest\": \"latest\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(RetentionPlans.JSON.readTree(answer.body()).path("errors").findValuesAsText("field"))
                .containsExactly("repository", "digest", "reason");
        assertThat(send("POST", "/api/v1/holds", "{not json").status()).isEqualTo(400);
    }

    /** What a fresh plan does with the repository's single artifact. */
    private JsonNode decision(String repository) throws Exception {
        return RetentionPlans.decisions(api(), repository).values().stream().findFirst().orElse(null);
    }

    private RawApi.Answer send(String method, String path, String body) {
        return api().sendJson(method, path, body);
    }

    private RawApi api() {
        return new RawApi(server.getURI());
    }
}

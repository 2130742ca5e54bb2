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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stored, versioned policies decide what plans keep in the repositories they govern. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoliciesIT implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Infrastructure.serviceProperties();
    }

    @Test
    void aStoredPolicyGovernsItsRepositoriesAndEveryChangeIsANewVersion() throws Exception {
        String project = "policy-" + UUID.randomUUID().toString().substring(0, 8);
        String repository = project + "/app";
        String release = "sha256:" + "a1".repeat(32);
        String snapshot = "sha256:" + "b2".repeat(32);
        try (EventStream events = EventStream.onTestBroker()) {
            Instant old = Instant.now().minus(Duration.ofDays(40));
            events.publish(new ImagePushed("registry.test", repository, release, List.of("v1.2.3"), 10L, null, null, "ci", old));
            events.publish(new ImagePushed("registry.test", repository, snapshot, List.of("snapshot"), 10L, null, null, "ci", old));
        }
        String policy = """
                {"id": "%s", "registry": "**", "repository": "%s/*", "priority": 500,
                 "rules": [{"type": "keepTagsMatching", "pattern": "v\\\\d+\\\\.\\\\d+\\\\.\\\\d+"}]}"""
                .formatted(project, project);

        RawApi.Answer created = send("POST", "/api/v1/retention/policies", policy);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(RetentionPlans.JSON.readTree(created.body()).path("version").asInt()).isEqualTo(1);
        assertThat(send("POST", "/api/v1/retention/policies", policy).status()).isEqualTo(409);

        await().atMost(Duration.ofSeconds(30)).until(() -> decisions(repository).size() == 2);
        Map<String, String> actions = decisions(repository);
        assertThat(actions).containsEntry(release, "KEEP").containsEntry(snapshot, "DELETE");

        RawApi.Answer changed = send("PUT", "/api/v1/retention/policies/" + project,
                policy.replace("keepTagsMatching\", \"pattern\": \"v\\\\d+\\\\.\\\\d+\\\\.\\\\d+\"",
                        "keepTagsMatching\", \"pattern\": \".*\""));
        assertThat(RetentionPlans.JSON.readTree(changed.body()).path("version").asInt()).isEqualTo(2);
        assertThat(decisions(repository)).containsEntry(snapshot, "KEEP");
        assertThat(RetentionPlans.JSON.readTree(send("GET", "/api/v1/retention/policies/" + project, null).body())).hasSize(2);

        assertThat(send("DELETE", "/api/v1/retention/policies/" + project, null).status()).isEqualTo(204);
        assertThat(RetentionPlans.JSON.readTree(send("GET", "/api/v1/retention/policies", null).body()).findValuesAsText("id"))
                .doesNotContain(project);
        assertThat(decisions(repository)).containsEntry(release, "DELETE");
    }

    @Test
    void anInvalidPolicyIsRefusedFieldByFieldAndStoresNothing() throws Exception {
        RawApi.Answer answer = send("POST", "/api/v1/retention/policies", """
                {"id": "Bad Id", "registry": "**", "rules": [{"type": "keepNewestUsed", "label": "gold", "count": 3}]}""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(RetentionPlans.JSON.readTree(answer.body()).path("errors").findValuesAsText("field"))
                .containsExactly("id", "repository", "rules[0].label");
        assertThat(send("PUT", "/api/v1/retention/policies/nobody", """
                {"registry": "**", "repository": "**", "rules": [{"type": "keepYoungerThan", "days": 3}]}""")
                .status()).isEqualTo(404);
    }

    /** Digest → KEEP or DELETE in a fresh plan, for the artifacts of one repository. */
    @Test
    void theBuiltInDefaultIsListedAndAStoredDefaultReplacesIt() throws Exception {
        JsonNode builtIn = defaultPolicy();
        assertThat(builtIn.path("version").asInt()).isZero();
        assertThat(builtIn.path("changedBy").asText()).isEqualTo("built-in");
        assertThat(builtIn.path("rules").findValuesAsText("type"))
                .containsExactly("keepNewestUsed", "keepNewestUsed", "keepNewestUsed", "keepYoungerThan");
        String repository = "default-" + UUID.randomUUID().toString().substring(0, 8) + "/app";
        String old = "sha256:" + "c3".repeat(32);
        try (EventStream events = EventStream.onTestBroker()) {
            events.publish(new ImagePushed("registry.test", repository, old, List.of("old"), 10L, null, null, "ci",
                    Instant.now().minus(Duration.ofDays(40))));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> RetentionPlans.decisions(api(), repository).containsKey(old));
        JsonNode decided = RetentionPlans.decisions(api(), repository).get(old);
        assertThat(decided.path("action").asText()).isEqualTo("DELETE");
        assertThat(decided.path("policy").path("id").asText()).isEqualTo("default");
        assertThat(decided.path("policy").path("version").asInt()).isZero();

        RawApi.Answer changed = send("PUT", "/api/v1/retention/policies/default", """
                {"registry": "**", "repository": "**", "priority": 0,
                 "rules": [{"type": "keepYoungerThan", "days": 60}]}""");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(defaultPolicy().path("version").asInt()).isEqualTo(1);
        JsonNode kept = RetentionPlans.decisions(api(), repository).get(old);
        assertThat(kept.path("action").asText()).isEqualTo("KEEP");
        assertThat(kept.path("policy").path("version").asInt()).isEqualTo(1);
        assertThat(RetentionPlans.JSON.readTree(send("GET", "/api/v1/retention/policies/default", null).body()))
                .extracting(version -> version.path("version").asInt()).containsExactly(1, 0);

        assertThat(send("DELETE", "/api/v1/retention/policies/default", null).status()).isEqualTo(204);
        assertThat(defaultPolicy().path("version").asInt()).isZero();
    }

    private JsonNode defaultPolicy() throws Exception {
        for (JsonNode policy : RetentionPlans.JSON.readTree(send("GET", "/api/v1/retention/policies", null).body())) {
            if (policy.path("id").asText().equals("default")) {
                return policy;
            }
        }
        throw new AssertionError("the default policy is not listed");
    }

    private Map<String, String> decisions(String repository) throws Exception {
        Map<String, String> actions = new HashMap<>();
        RetentionPlans.decisions(api(), repository).forEach((digest, item) -> actions.put(digest, item.path("action").asText()));
        return actions;
    }

    private RawApi.Answer send(String method, String path, String body) {
        return api().sendJson(method, path, body);
    }

    private RawApi api() {
        return new RawApi(server.getURI());
    }
}

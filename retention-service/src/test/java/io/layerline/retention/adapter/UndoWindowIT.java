package io.layerline.retention.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.v1.DeploymentFinished;
import io.layerline.contracts.v1.ImageRef;
import io.layerline.registry.Manifest;
import io.layerline.registry.RegistryClient;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.EventStream;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.RawApi;
import io.layerline.testing.SecuredRegistries;
import io.layerline.testing.SupplyChainImages;
import io.layerline.testing.SupplyChainImages.Pushed;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The undo window on a real registry behind htpasswd over HTTPS: a plan deletes two images (one signed, with an
 * SBOM) and a multi-arch index with its platform manifests; one image is restored with its signature and SBOM, then
 * the whole plan; every restored manifest and blob is pulled back. Deleted again, they survive a garbage collection
 * inside their window, and once the window has passed the same collection frees their own blobs while the base
 * layer a kept image shares stays.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UndoWindowIT implements TestPropertyProvider {

    private static final int KIB = 1 << 10;
    private static final Duration WINDOW = Duration.ofSeconds(15);

    @Inject
    EmbeddedServer server;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String app = "undo-" + run + "/app";
    private SecuredRegistries.SecuredRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        registry = SecuredRegistries.basic(Infrastructure.workDir().resolve("undo-registry-" + run));
        Map<String, String> properties = new HashMap<>(RetentionPlans.pruning(registry));
        properties.put("layerline.retention.undo-window", WINDOW.toMillis() + "ms");
        properties.put("layerline.retention.undo-window-check", "500ms");
        return properties;
    }

    @AfterAll
    void stopRegistry() throws Exception {
        registry.close();
    }

    @Test
    void deletionsAreRestoredOneByOneOrByPlanWithinTheWindowAndCollectedOnlyAfterIt() throws Exception {
        RegistryClient client = new RegistryClient(registry.access());
        SupplyChainImages push = new SupplyChainImages(client);
        byte[] base = SupplyChainImages.layer(512 * KIB, 1);
        byte[] v1Own = SupplyChainImages.layer(64 * KIB, 11);
        Pushed v1 = push.image(app, "v1", "amd64", List.of(base, v1Own));
        Pushed v2 = push.image(app, "v2", "amd64", List.of(base, SupplyChainImages.layer(64 * KIB, 12)));
        Pushed v3 = push.image(app, "v3", "amd64", List.of(base, SupplyChainImages.layer(64 * KIB, 13)));
        Pushed v1Signature = push.cosignSignature(app, v1);
        List<Pushed> v1Sbom = push.sbom(app, v1);
        Pushed amd = push.image(app, null, "amd64", List.of(base, SupplyChainImages.layer(64 * KIB, 21)));
        Pushed arm = push.image(app, null, "arm64", List.of(SupplyChainImages.layer(64 * KIB, 22)));
        Pushed index = push.index(app, "multi-old", List.of(amd, arm), List.of("amd64", "arm64"));
        Map<String, Pushed> deleted = new LinkedHashMap<>();
        for (Pushed artifact : List.of(v1, v2, v1Signature, v1Sbom.get(0), v1Sbom.get(1), amd, arm, index)) {
            deleted.put(artifact.digest(), artifact);
        }

        RawApi api = new RawApi(server.getURI());
        try (EventStream events = EventStream.onTestBroker()) {
            Instant now = Instant.now();
            events.publish(new DeploymentFinished("d-" + run, "svc-" + run, "prod",
                    new ImageRef(registry.host(), app, v3.digest(), "v3"), DeploymentFinished.Kind.DEPLOYED,
                    DeploymentFinished.Status.SUCCEEDED, "argocd", "eu-1", now, now));
        }
        assertThat(api.sendJson("POST", "/api/v1/retention/policies", """
                {"id": "undo-%s", "registry": "**", "repository": "%s", "priority": 900,
                 "rules": [{"type": "keepNewestUsed", "label": "unlabelled", "count": 2}]}""".formatted(run, app))
                .status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<String, JsonNode> decisions = RetentionPlans.decisions(api, app);
            return decisions.containsKey(v3.digest())
                    && decisions.get(v3.digest()).path("reasons").asText().contains("running in");
        });
        assertThat(api.sendJson("POST", "/api/v1/retention/reconciliations", null).status()).isEqualTo(200);

        String plan = applyAPlan(api, deleted.keySet());
        for (JsonNode item : mine(api, plan)) {
            if (item.path("action").asText().equals("DELETE")) {
                assertThat(item.path("state").asText()).isEqualTo("DELETED");
                assertThat(Instant.parse(item.path("restorableUntil").asText())).isAfter(Instant.now());
            }
        }
        for (Pushed artifact : deleted.values()) {
            assertThat(client.manifest(app, artifact.digest())).as("deleted %s", artifact.digest()).isEmpty();
        }

        assertThat(api.as(ApiTokens.VIEWER).sendJson("POST", plan + "/items/" + v1.digest() + "/restore", null)
                .status()).as("a viewer may not restore").isEqualTo(403);
        JsonNode one = api.sendJson("POST", plan + "/items/" + v1.digest() + "/restore", null).json();
        assertThat(one.path("failed")).isEmpty();
        assertThat(one.path("restored").findValuesAsText("digest")).as("v1 with its signature and SBOM")
                .contains(v1.digest(), v1Signature.digest(), v1Sbom.get(0).digest())
                .doesNotContain(v2.digest(), index.digest());
        assertPulledBack(client, List.of(v1, v1Signature, v1Sbom.get(0), v1Sbom.get(1)));
        assertThat(client.digest(app, "v1")).contains(v1.digest());
        assertThat(client.digest(app, RegistryClient.referrersTag(v1.digest()) + ".sig"))
                .contains(v1Signature.digest());
        assertThat(client.manifest(app, v2.digest())).as("v2 stays deleted").isEmpty();
        RawApi.Answer again = api.sendJson("POST", plan + "/items/" + v1.digest() + "/restore", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("is restored already");

        JsonNode all = api.sendJson("POST", plan + "/restore", null).json();
        assertThat(all.path("failed")).isEmpty();
        assertThat(all.path("restored").findValuesAsText("digest"))
                .contains(v2.digest(), index.digest(), amd.digest(), arm.digest());
        assertPulledBack(client, deleted.values());
        assertThat(client.digest(app, "multi-old")).contains(index.digest());
        assertThat(mine(api, plan)).filteredOn(item -> item.path("action").asText().equals("DELETE"))
                .allSatisfy(item -> assertThat(item.path("state").asText()).isEqualTo("RESTORED"));
        assertThat(api.json(plan + "/audit?limit=100").findValuesAsText("outcome")).contains("RESTORED");
        try (EventStream events = EventStream.onTestBroker()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> events.events(EventTypes.IMAGES_RESTORED).stream()
                    .anyMatch(restored -> restored.repository().equals(app) && restored.artifacts().stream()
                            .anyMatch(artifact -> artifact.digest().equals(v1.digest())
                                    && artifact.tags().equals(List.of("v1")))));
        }
        assertThat(api.sendJson("POST", plan + "/restore", null).status()).isEqualTo(409);

        String second = applyAPlan(api, deleted.keySet());
        String ownLayer = RegistryClient.sha256(v1Own);
        registry.registry().garbageCollect();
        assertThat(client.hasBlob(app, ownLayer)).as("inside the window the keeper holds it").isTrue();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> mine(api, second)
                .stream().filter(item -> item.path("action").asText().equals("DELETE"))
                .allMatch(item -> item.path("restorableUntil").isMissingNode()));
        RawApi.Answer late = api.sendJson("POST", second + "/items/" + v1.digest() + "/restore", null);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body()).contains("undo window closed");
        registry.registry().garbageCollect();
        assertThat(client.hasBlob(app, ownLayer)).as("after the window garbage collection frees it").isFalse();
        assertThat(client.hasBlob(app, RegistryClient.sha256(base))).as("the base a kept image names").isTrue();
        assertThat(api.sendJson("POST", second + "/items/sha256:nothex/restore", null).status()).isEqualTo(400);
        assertThat(api.sendJson("POST", "/api/v1/retention/plans/" + UUID.randomUUID() + "/restore", null)
                .status()).isEqualTo(404);
    }

    /** Computes a plan, checks that it deletes exactly {@code expected} of this repository, and applies it. */
    private String applyAPlan(RawApi api, Set<String> expected) {
        String plan = "/api/v1/retention/plans/" + api.sendJson("POST", "/api/v1/retention/plans", null).json()
                .path("id").asText();
        assertThat(mine(api, plan).stream().filter(item -> item.path("action").asText().equals("DELETE"))
                .map(item -> item.path("digest").asText())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(api.sendJson("POST", plan + "/apply", null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.json(plan).path("state").asText().equals("APPLIED"));
        return plan;
    }

    private List<JsonNode> mine(RawApi api, String plan) {
        List<JsonNode> items = new ArrayList<>();
        api.json(plan + "/items?limit=1000&repository=" + app).forEach(items::add);
        return items;
    }

    /** Each manifest is in the registry again, byte for byte, and so is every blob it names. */
    private void assertPulledBack(RegistryClient client, Collection<Pushed> artifacts) throws Exception {
        for (Pushed artifact : artifacts) {
            Manifest manifest = client.manifest(app, artifact.digest())
                    .orElseThrow(() -> new AssertionError("not restored: " + artifact.digest()));
            assertThat(RegistryClient.sha256(manifest.bytes())).isEqualTo(artifact.digest());
            for (Map.Entry<String, Long> blob : artifact.blobs().entrySet()) {
                try (InputStream content = client.blob(app, blob.getKey())) {
                    byte[] bytes = content.readAllBytes();
                    assertThat((long) bytes.length).isEqualTo(blob.getValue());
                    assertThat(RegistryClient.sha256(bytes)).isEqualTo(blob.getKey());
                }
            }
        }
    }
}

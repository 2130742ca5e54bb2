package io.layerline.retention.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.LayerlineEvent;
import io.layerline.contracts.v1.DeploymentFinished;
import io.layerline.contracts.v1.ImageBuilt;
import io.layerline.contracts.v1.ImagePromoted;
import io.layerline.contracts.v1.ImagePushed;
import io.layerline.contracts.v1.ImageRef;
import io.layerline.contracts.v1.ImagesPruned;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.EventStream;
import io.layerline.testing.OciImages;
import io.layerline.testing.Registries;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thirty real images in the real registry, their history fed through Kafka; the plan deletes exactly what the
 * rules and protections leave, the apply removes it from the registry, and a second plan deletes nothing.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PruneRegistryIT implements TestPropertyProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.now();
    private static final String REGISTRY = Registries.registry().host();
    private static final int NEVER_DEPLOYED = 8;
    private static final int USED = 11;
    /** 3 bases, the never-deployed, the used, 4 maybe_prod, 3 prod and 1 young image. */
    private static final int IMAGES = 3 + NEVER_DEPLOYED + USED + 4 + 3 + 1;

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();
    private final OciImages images = new OciImages(Registries.registry().url());
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String app = "prune-" + run + "/app";
    private final String base = "prune-" + run + "/base";
    private final List<LayerlineEvent> history = new ArrayList<>();
    private final Set<String> expectedDeleted = new HashSet<>();
    private final Set<String> expectedKept = new HashSet<>();
    private String database;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = RetentionPlans.pruningTheTestRegistry(200);
        database = properties.get("datasources.default.url");
        return properties;
    }

    @Test
    void prunesExactlyWhatTheRulesAndProtectionsLeaveAndASecondPassDeletesNothing() throws Exception {
        String usedBase = image(base, "base-used", 90, null, null, false);
        String deletedChildBase = image(base, "base-of-deleted", 90, null, null, false);
        String orphanBase = image(base, "base-orphan", 90, null, null, false);
        for (int i = 0; i < NEVER_DEPLOYED; i++) {
            image(app, "never-deployed-" + i, 30 + i, null, null, false);
        }
        // used-0 … used-8 are one service's successive deployments to dev: used-8 still runs there;
        // used-9 and used-10 run for services of their own and are the newest two
        for (int i = 0; i < USED; i++) {
            boolean newest = i >= USED - 2;
            String digest = image(app, "used-" + i, 60, "dev", null, newest);
            if (i == 0) {
                built(app, digest, deletedChildBase);
            }
            if (i == USED - 1) {
                built(app, digest, usedBase);
            }
        }
        for (int i = 0; i < 4; i++) {
            image(app, "maybe-prod-" + i, 50, "prod_test", "maybe_prod", true);
        }
        for (int i = 0; i < 3; i++) {
            image(app, "prod-" + i, 40, "prod", "prod", true);
        }
        image(app, "young", 1, null, null, true);
        expectedDeleted.add(deletedChildBase);
        expectedDeleted.add(orphanBase);
        for (int i = 0; i < NEVER_DEPLOYED; i++) {
            expectedDeleted.add(digestOf(app, "never-deployed-" + i));
        }
        for (int i = 0; i < USED - 3; i++) {
            expectedDeleted.add(digestOf(app, "used-" + i));
        }
        expectedKept.add(digestOf(app, "used-" + (USED - 3)));
        expectedKept.add(usedBase);
        assertThat(expectedDeleted.size() + expectedKept.size()).isEqualTo(IMAGES);

        try (EventStream events = EventStream.onTestBroker()) {
            history.forEach(events::publish);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> RetentionPlans.processedEvents(database) == history.size());

        JsonNode plan = call("POST", "/api/v1/retention/plans");
        String id = plan.path("id").asText();
        Set<String> planned = new HashSet<>();
        call("GET", "/api/v1/retention/plans/" + id + "/items?action=DELETE&limit=1000")
                .forEach(item -> planned.add(item.path("digest").asText()));
        assertThat(planned).containsExactlyInAnyOrderElementsOf(expectedDeleted);
        reviewedByRepositoryAndReason(id);

        assertThat(call("POST", "/api/v1/retention/plans/" + id + "/apply").path("state").asText())
                .isEqualTo("APPLYING");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> call("GET", "/api/v1/retention/plans/" + id).path("state").asText().equals("APPLIED"));

        for (String digest : expectedDeleted) {
            String repository = digest.equals(deletedChildBase) || digest.equals(orphanBase) ? base : app;
            assertThat(images.digestOf(repository, digest)).as("deleted %s", digest).isEmpty();
        }
        for (String digest : expectedKept) {
            assertThat(images.digestOf(digest.equals(usedBase) ? base : app, digest)).as("kept %s", digest).isPresent();
        }
        assertThat(expectedKept).hasSize(IMAGES - expectedDeleted.size());
        assertThat(images.tags(app)).hasSize(IMAGES - 3 - (expectedDeleted.size() - 2));
        JsonNode audit = call("GET", "/api/v1/retention/plans/" + id + "/audit?limit=1000");
        assertThat(audit).hasSize(expectedDeleted.size());
        audit.forEach(entry -> assertThat(entry.path("outcome").asText()).isEqualTo("DELETED"));
        try (EventStream events = EventStream.onTestBroker()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> events.events(EventTypes.IMAGES_PRUNED).stream()
                    .filter(pruned -> pruned.planId().equals(id)).count() == expectedDeleted.size());
            assertThat(events.events(EventTypes.IMAGES_PRUNED).stream().filter(pruned -> pruned.planId().equals(id))
                    .map(ImagesPruned::artifacts).flatMap(List::stream).map(ImagesPruned.PrunedArtifact::digest))
                    .containsExactlyInAnyOrderElementsOf(expectedDeleted);
            await().atMost(Duration.ofSeconds(30)).until(() -> events.events(EventTypes.RETENTION_RUN_FINISHED)
                    .stream().anyMatch(finished -> finished.planId().equals(id) && finished.deleted() == expectedDeleted.size()
                            && finished.reclaimedBytes() == expectedDeleted.size() * 1000L));
        }

        assertThat(groups(id, "&repository=" + app + "&action=DELETE")).containsExactlyInAnyOrder(
                "DELETE NEVER_DEPLOYED " + NEVER_DEPLOYED + " {DELETED=" + NEVER_DEPLOYED + "}",
                "DELETE BEYOND_QUOTA " + (USED - 3) + " {DELETED=" + (USED - 3) + "}");
        assertThat(status("POST", "/api/v1/retention/plans/" + id + "/apply")).isEqualTo(409);
        assertThat(status("POST", "/api/v1/retention/plans/" + id + "/pause")).isEqualTo(409);
        assertThat(status("POST", "/api/v1/retention/plans/" + id + "/resume")).isEqualTo(409);
        assertThat(call("POST", "/api/v1/retention/plans").path("toDelete").asInt()).isZero();
        assertThat(call("GET", "/prometheus").asText()).contains("layerline_retention_deleted_total",
                "layerline_retention_reclaimed_bytes_total", "layerline_retention_plan_duration_seconds",
                "layerline_retention_kept{reason=\"running\"", "layerline_retention_artifacts");
    }

    /**
     * The plan as a reviewer reads it: grouped by repository and reason with totals, filtered by action, reason,
     * label class and name, and listed first among the plans.
     */
    private void reviewedByRepositoryAndReason(String id) throws Exception {
        String plan = "/api/v1/retention/plans/" + id;
        assertThat(groups(id, "&repository=" + app)).containsExactlyInAnyOrder(
                "DELETE NEVER_DEPLOYED " + NEVER_DEPLOYED + " {PENDING=" + NEVER_DEPLOYED + "}",
                "DELETE BEYOND_QUOTA " + (USED - 3) + " {PENDING=" + (USED - 3) + "}",
                "KEEP RUNNING " + (3 + 4 + 3) + " {KEPT=10}",
                "KEEP POLICY_RULE 1 {KEPT=1}");
        assertThat(groups(id, "&q=" + base.toUpperCase().substring(0, base.length() - 2)))
                .containsExactlyInAnyOrder("DELETE NEVER_DEPLOYED 2 {PENDING=2}", "KEEP BASE_OF_KEPT 1 {KEPT=1}");
        JsonNode neverDeployed = call("GET", plan + "/groups?repository=" + app + "&reason=NEVER_DEPLOYED").get(0);
        long size = 0;
        long ownBytes = 0;
        for (JsonNode item : call("GET", plan + "/items?repository=" + app + "&reason=NEVER_DEPLOYED")) {
            size += item.path("size").asLong();
            ownBytes += item.path("ownBytes").asLong();
        }
        assertThat(neverDeployed.path("size").asLong()).isEqualTo(size).isPositive();
        assertThat(neverDeployed.path("ownBytes").asLong()).isEqualTo(ownBytes).isPositive();
        JsonNode prod = call("GET", plan + "/items?repository=" + app + "&labelClass=PROD");
        assertThat(prod).hasSize(3).allSatisfy(item -> {
            assertThat(item.path("tags").get(0).asText()).startsWith("prod-");
            assertThat(item.path("labelClass").asText()).isEqualTo("PROD");
            assertThat(item.path("reasonKind").asText()).isEqualTo("RUNNING");
        });
        assertThat(call("GET", plan + "/items?repository=" + app + "&reason=BEYOND_QUOTA&action=DELETE"))
                .hasSize(USED - 3).allSatisfy(item -> assertThat(item.path("reasons").asText()).startsWith("used, "));
        assertThat(call("GET", "/api/v1/retention/plans?limit=1").path("items").get(0).path("id").asText())
                .isEqualTo(id);
        assertThat(status("GET", plan + "/groups?reason=SOMETIMES")).isEqualTo(400);
        assertThat(status("GET", plan + "/items?labelClass=prod")).isEqualTo(400);
        assertThat(status("GET", "/api/v1/retention/plans/" + UUID.randomUUID() + "/groups")).isEqualTo(404);
    }

    /** The plan's groups a filter takes, as "action reason count {state=count}". */
    private List<String> groups(String id, String filter) throws Exception {
        List<String> groups = new ArrayList<>();
        call("GET", "/api/v1/retention/plans/" + id + "/groups?limit=1000" + filter).forEach(group -> groups.add(
                group.path("action").asText() + " " + group.path("reasonKind").asText() + " "
                        + group.path("items").asInt() + " " + group.path("states")));
        return groups.stream().map(group -> group.replace("\"", "").replace(":", "=")).toList();
    }

    /**
     * Pushes an image and records its history: pushed {@code pushedDaysAgo}, deployed to {@code environment}
     * (running there when {@code running}), labelled {@code label}.
     */
    private String image(String repository, String name, int pushedDaysAgo, String environment, String label,
                         boolean running) {
        String digest = images.push(repository, name, repository + "/" + name);
        Instant pushedAt = NOW.minus(Duration.ofDays(pushedDaysAgo));
        history.add(new ImagePushed(REGISTRY, repository, digest, List.of(name), 1000L, OciImages.MANIFEST_TYPE,
                null, "ci", pushedAt));
        if (environment != null) {
            ImageRef ref = new ImageRef(REGISTRY, repository, digest, name);
            String service = running ? "svc-" + run + "-" + name : "svc-" + run;
            Instant deployedAt = pushedAt.plus(Duration.ofHours(1 + history.size()));
            history.add(new DeploymentFinished("d-" + run + "-" + name, service, environment, ref,
                    DeploymentFinished.Kind.DEPLOYED, DeploymentFinished.Status.SUCCEEDED, "argocd", "eu-1",
                    deployedAt, deployedAt));
            if (label != null) {
                history.add(new ImagePromoted(ref, label, environment, "d-" + run + "-" + name, deployedAt));
            }
        }
        if (running || label != null) {
            expectedKept.add(digest);
        }
        return digest;
    }

    private void built(String repository, String digest, String baseDigest) {
        history.add(new ImageBuilt(REGISTRY, repository, digest, List.of(), 1000L, List.of(),
                List.of(new ImageBuilt.BaseImage(0, null, REGISTRY + "/" + base + ":latest", baseDigest, true)),
                new ImageBuilt.Provenance(null, null, null, null, null, "Dockerfile", null),
                NOW.minus(Duration.ofDays(60)), null));
    }

    private String digestOf(String repository, String name) {
        return images.digestOf(repository, name).orElseThrow();
    }

    private JsonNode call(String method, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return path.equals("/prometheus") ? JSON.getNodeFactory().textNode(response.body())
                : JSON.readTree(response.body());
    }

    private int status(String method, String path) throws IOException, InterruptedException {
        return send(method, path).statusCode();
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return http.send(ApiTokens.request(URI.create(server.getURI() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}

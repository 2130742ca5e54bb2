package io.layerline.catalog.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.contracts.v1.DeploymentFinished;
import io.layerline.contracts.v1.ImagePromoted;
import io.layerline.contracts.v1.ImageRef;
import io.layerline.testing.EventStream;
import io.layerline.testing.RawApi;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Metadata, search, details, deployments, governance and exports over REST, on images fed through Kafka. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepositoriesIT extends CatalogApiTest {

    private RawApi api;

    @Override
    Map<String, String> settings() {
        return Map.of("layerline.catalog.governance.standard-bases", "app=harbor.example.com/*/tooling/*",
                "layerline.catalog.governance.stale-after-digests", "1",
                "layerline.catalog.tier-rules", "harbor.example.com/*/os/*=os",
                "layerline.catalog.metrics-interval", "1s");
    }

    @BeforeAll
    void announceImages() {
        api = api();
        tree.build("os/debian", "12").build("runtime/temurin", "17", "os/debian")
                .build("tooling/java", "1", "runtime/temurin").build("apps/web", "1.0", "tooling/java")
                .build("apps/batch", "1.0", "runtime/temurin");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                api.json("/api/v1/repositories?q=" + tree.run()).path("items").size() == 5);
    }

    @Test
    void metadataIsEnteredReplacedAndPatchedFieldByField() {
        String path = "/api/v1/repositories/" + tree.full("apps/web") + "/metadata";

        RawApi.Answer put = api.send("PUT", path, "application/json", """
                {"ownerTeam": "payments", "tier": "app", "description": "the shop", "docsUrl": "https://docs.example.com/web",
                 "contact": "#payments"}""");
        assertThat(put.status()).isEqualTo(200);
        RawApi.Answer patch = api.send("PATCH", path, "application/merge-patch+json",
                "{\"description\": null, \"contact\": \"payments@example.com\"}");
        assertThat(patch.status()).isEqualTo(200);

        JsonNode metadata = api.json("/api/v1/repositories/" + tree.full("apps/web")).path("repository");
        assertThat(metadata.path("tier").asText()).isEqualTo("app");
        assertThat(metadata.path("tierSource").asText()).isEqualTo("explicit");
        assertThat(metadata.path("metadata").path("ownerTeam").asText()).isEqualTo("payments");
        assertThat(metadata.path("metadata").path("description").isMissingNode()).isTrue();
        assertThat(metadata.path("metadata").path("contact").asText()).isEqualTo("payments@example.com");
        assertThat(api.json("/api/v1/repositories?owner=PAYMENTS&q=" + tree.run()).path("items").get(0).path("name")
                .asText()).isEqualTo(tree.full("apps/web"));
    }

    @Test
    void badMetadataIsRefusedPerFieldAndNothingIsWritten() {
        String path = "/api/v1/repositories/" + tree.full("apps/batch") + "/metadata";

        RawApi.Answer invalid = api.send("PUT", path, "application/json", """
                {"ownerTeam": 42, "tier": "middleware", "docsUrl": "ftp://files.example.com", "onwer": "x"}""");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(fields(invalid.json())).containsExactlyInAnyOrder("ownerTeam", "tier", "docsUrl", "onwer");
        assertThat(api.send("PUT", path, "application/json", "{\"ownerTeam\":").status()).isEqualTo(400);
        assertThat(api.send("PUT", path, "application/json", "[1, 2]").status()).isEqualTo(400);
        assertThat(api.send("PUT", path, "text/plain", "{}").status()).isEqualTo(415);
        assertThat(api.json("/api/v1/repositories/" + tree.full("apps/batch")).path("repository").path("metadata")
                .path("ownerTeam").isMissingNode()).isTrue();
        assertThat(api.send("PUT", "/api/v1/repositories/" + tree.full("apps/nowhere") + "/metadata",
                "application/json", "{\"ownerTeam\": \"x\"}").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/repositories/" + tree.full("apps/nowhere")).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/repositories?tier=middleware").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/repositories?limit=0").status()).isEqualTo(400);
    }

    @Test
    void tiersAreInferredFromRulesAndTheGraph() {
        Map<String, String> tiers = new HashMap<>();
        for (JsonNode item : api.json("/api/v1/repositories?q=" + tree.run()).path("items")) {
            tiers.put(tree.shortName(item.path("name").asText()), item.path("tier").asText() + "/"
                    + item.path("tierSource").asText());
        }
        assertThat(tiers).containsEntry("os/debian", "os/rule").containsEntry("runtime/temurin", "runtime/graph")
                .containsEntry("tooling/java", "tooling/graph").containsEntry("apps/batch", "app/graph");
        assertThat(api.json("/api/v1/repositories?tier=tooling&q=" + tree.run()).path("items").size()).isEqualTo(1);
    }

    @Test
    void imagesAreFoundByCommitAndShowWhereTheyRunAndTheirLabels() {
        String digest = tree.digest("apps/batch");
        try (EventStream events = EventStream.onTestBroker()) {
            ImageRef image = new ImageRef(ImageTree.REGISTRY, tree.name("apps/batch"), digest, "1.0");
            events.publish(new DeploymentFinished("d-" + tree.run(), "batch-" + tree.run(), "prod", image,
                    DeploymentFinished.Kind.DEPLOYED, DeploymentFinished.Status.SUCCEEDED, "argo", "eu-1",
                    Instant.now().minusSeconds(60), Instant.now()));
            events.publish(new ImagePromoted(image, "prod", "prod", "d-" + tree.run(), Instant.now()));
        }

        JsonNode detail = await().atMost(Duration.ofSeconds(30)).until(() -> api.json("/api/v1/images/" + digest),
                body -> body.path("labels").size() == 1 && body.path("deployments").size() == 1);
        assertThat(detail.path("deployments").get(0).path("environment").asText()).isEqualTo("prod");
        assertThat(detail.path("lineage").size()).isEqualTo(3);
        assertThat(detail.path("bases").get(0).path("reference").asText())
                .isEqualTo(tree.full("runtime/temurin") + ":17");
        JsonNode impact = api.json("/api/v1/graph/impact?registry=" + ImageTree.REGISTRY + "&repository="
                + tree.name("runtime/temurin") + "&tag=17");
        assertThat(impact.path("affected").findValues("repository").stream().map(JsonNode::asText))
                .contains(tree.full("apps/batch"), tree.full("apps/web"), tree.full("tooling/java"));
        assertThat(impact.toString()).contains("batch-" + tree.run());
        assertThat(api.json("/api/v1/images?commit=abc1234" + tree.run().substring(0, 2)).size()).isGreaterThan(0);
        assertThat(api.get("/api/v1/images?commit=zz").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/images/sha256:abc").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/images/sha256:" + "0".repeat(64)).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/graph/descendants?digest=latest").status()).isEqualTo(400);
    }

    @Test
    void governanceReportsNonStandardBasesMissingOwnersAndStaleBases() {
        tree.rebuild("runtime/temurin");
        await().atMost(Duration.ofSeconds(30)).until(() -> kinds(tree.full("apps/batch")).contains("stale_base"));

        assertThat(kinds(tree.full("apps/batch"))).contains("no_owner", "non_standard_base", "stale_base");
        assertThat(kinds(tree.full("tooling/java"))).contains("stale_base");
        assertThat(api.get("/api/v1/governance/violations?kind=bogus").status()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/prometheus").body()
                .contains("layerline_catalog_violations{kind=\"stale_base\""));
        String metrics = api.get("/prometheus").body();
        assertThat(metrics).contains("layerline_catalog_repositories{", "layerline_catalog_cascade_items{",
                "layerline_catalog_query_seconds_count{");
    }

    @Test
    void theGraphExportsAsJsonDotAndMermaid() {
        String root = "&root=" + tree.full("os/debian");
        JsonNode json = api.json("/api/v1/graph/export?format=json" + root);
        assertThat(json.path("nodes").size()).isEqualTo(5);
        assertThat(json.path("edges").size()).isEqualTo(4);

        String dot = api.get("/api/v1/graph/export?format=dot" + root).body();
        assertThat(dot).startsWith("digraph").contains("\"" + tree.full("apps/web") + "\" -> \""
                + tree.full("tooling/java") + "\"");
        String mermaid = api.get("/api/v1/graph/export?format=mermaid" + root).body();
        assertThat(mermaid).startsWith("flowchart BT").contains("subgraph os", " --> ");
        assertThat(api.get("/api/v1/graph/export?format=png").status()).isEqualTo(400);
    }

    private List<String> kinds(String repository) {
        List<String> kinds = new ArrayList<>();
        api.json("/api/v1/governance/violations?repository=" + repository).path("violations")
                .forEach(violation -> kinds.add(violation.path("kind").asText()));
        return kinds;
    }

    private static List<String> fields(JsonNode error) {
        List<String> fields = new ArrayList<>();
        error.path("errors").forEach(field -> fields.add(field.path("field").asText()));
        return fields;
    }
}

package io.layerline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole suite on real Kafka, PostgreSQL, registry and Docker API: an image is built, the catalog records it,
 * it is deployed to prod_test and prod and labelled, retention keeps what the rules say; then its base is rebuilt,
 * the cascade has the build-service rebuild it, the new digest is deployed and the old one becomes prunable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private Suite suite;
    private SuiteClient client;

    @BeforeAll
    void startTheSuite() throws Exception {
        suite = Suite.start(Map.of("LAYERLINE_RETENTION_ROLLBACK_DEPTH", "1",
                // applications build on e2e's bases only: what the build gate enforces below
                "LAYERLINE_CATALOG_STANDARD_BASES", "app=**/e2e/base/*"));
        client = new SuiteClient(suite);
    }

    @AfterAll
    void stopTheSuite() throws InterruptedException {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void anImageGoesFromBuildThroughPromotionAndARebuildCascadeToBeingPrunable() throws Exception {
        String registry = suite.registry();
        JsonNode base = client.build("e2e/base/busybox", "1", client.upload(Map.of("Dockerfile", """
                FROM scratch
                COPY busybox /bin/busybox
                USER 65534
                """.getBytes(StandardCharsets.UTF_8), "busybox", Files.readAllBytes(BUSYBOX))));
        assertThat(base.path("state").asText()).as(base.toString()).isEqualTo("pushed");
        String appContext = client.upload(Map.of("Dockerfile", ("""
                FROM %s/e2e/base/busybox:1
                USER 0
                COPY app.txt /srv/app.txt
                USER 65534
                ENTRYPOINT ["/bin/busybox", "cat", "/srv/app.txt"]
                """).formatted(registry).getBytes(StandardCharsets.UTF_8), "app.txt",
                "v1\n".getBytes(StandardCharsets.UTF_8)));
        JsonNode app = client.build("e2e/apps/shop", "1.0", appContext);
        String first = app.path("digest").asText();
        String baseDigest = base.path("digest").asText();

        JsonNode recorded = await().atMost(Duration.ofSeconds(30)).until(() -> client.json("catalog",
                "/api/v1/images/" + first), image -> image.path("lineage").size() == 2);
        assertThat(recorded.path("lineage").get(1).path("digest").asText()).isEqualTo(baseDigest);

        client.deploy("shop", "e2e/apps/shop", first, "prod_test", "SUCCEEDED");
        client.deploy("shop", "e2e/apps/shop", first, "prod", "SUCCEEDED");
        String digest12 = first.substring("sha256:".length(), "sha256:".length() + 12);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.registryTags("e2e/apps/shop"),
                tags -> tags.contains("maybe_prod-" + digest12) && tags.contains("prod-" + digest12));

        HttpResponse<String> policy = client.post("retention", "/api/v1/retention/policies", """
                {"id": "e2e-apps", "registry": "%s", "repository": "e2e/apps/**", "priority": 100,
                 "rules": [{"type": "keepNewestUsed", "label": "prod", "count": 1},
                           {"type": "keepNewestUsed", "label": "maybe_prod", "count": 1},
                           {"type": "keepNewestUsed", "label": "unlabelled", "count": 1}]}""".formatted(registry));
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(201);
        Map<String, JsonNode> kept = await().atMost(Duration.ofSeconds(30)).until(() -> planItems(),
                items -> items.containsKey(first) && items.containsKey(baseDigest));
        assertThat(kept.get(first).path("action").asText()).isEqualTo("KEEP");
        assertThat(kept.get(first).path("reasons").asText()).isNotBlank();
        assertThat(kept.get(baseDigest).path("action").asText()).isEqualTo("KEEP");

        JsonNode rebuiltBase = client.build("e2e/base/busybox", "1", base.path("context").asText());
        assertThat(rebuiltBase.path("digest").asText()).isNotEqualTo(baseDigest);
        JsonNode cascade = await().atMost(Duration.ofSeconds(120)).until(() -> client.json("catalog",
                "/api/v1/cascades").path("items").path(0), found -> found.path("status").asText().equals("finished"));
        assertThat(cascade.path("counts").path("rebuilt").asInt()).isEqualTo(1);
        JsonNode rebuild = await().atMost(Duration.ofSeconds(30)).until(() -> client.json("build",
                "/api/v1/builds?repository=e2e/apps/shop").path("items").path(0),
                found -> found.path("cascadeId").isTextual()
                && found.path("state").asText().equals("pushed"));
        String second = rebuild.path("digest").asText();
        assertThat(second).isNotEqualTo(first);

        client.deploy("shop", "e2e/apps/shop", second, "prod_test", "SUCCEEDED");
        client.deploy("shop", "e2e/apps/shop", second, "prod", "SUCCEEDED");

        Map<String, JsonNode> after = await().atMost(Duration.ofSeconds(60)).until(() -> planItems(),
                items -> items.containsKey(second) && items.containsKey(first)
                        && items.get(first).path("action").asText().equals("DELETE"));
        assertThat(after.get(second).path("action").asText()).isEqualTo("KEEP");
        assertThat(after.get(rebuiltBase.path("digest").asText()).path("action").asText()).isEqualTo("KEEP");
    }

    @Test
    void aBuildOnABaseTheGateRefusesFailsBeforeAnythingReachesTheRegistry() throws Exception {
        String registry = suite.registry();
        JsonNode unvetted = client.build("e2e/unvetted/busybox", "1", client.upload(Map.of("Dockerfile", """
                FROM scratch
                COPY busybox /bin/busybox
                """.getBytes(StandardCharsets.UTF_8), "busybox", Files.readAllBytes(BUSYBOX))));
        assertThat(unvetted.path("state").asText()).as(unvetted.toString()).isEqualTo("pushed");

        JsonNode rogue = client.build("e2e/apps/rogue", "1", client.upload(Map.of("Dockerfile", """
                FROM %s/e2e/unvetted/busybox:1
                ENTRYPOINT ["/bin/busybox", "true"]
                """.formatted(registry).getBytes(StandardCharsets.UTF_8))));
        assertThat(rogue.path("state").asText()).isEqualTo("failed");
        assertThat(rogue.path("reason").asText()).isEqualTo("refused by the gate: standard-base: base " + registry
                + "/e2e/unvetted/busybox:1 is not a standard app base");
        assertThat(client.registryTags("e2e/apps/rogue")).as("nothing was pushed").isEmpty();
        assertThat(client.get("build", "/api/v1/builds/" + rogue.path("id").asText() + "/log"))
                .contains("refused by the gate").doesNotContain("STEP");

        JsonNode audit = client.json("catalog", "/api/v1/gates/evaluations?limit=50").path("items");
        assertThat(audit).anySatisfy(verdict -> {
            assertThat(verdict.path("image").asText()).isEqualTo(registry + "/e2e/apps/rogue:1");
            assertThat(verdict.path("outcome").asText()).isEqualTo("fail");
            assertThat(verdict.path("failed").toString()).contains("standard-base");
        });
    }

    /** A fresh retention plan's items by digest. */
    private Map<String, JsonNode> planItems() throws Exception {
        JsonNode plan = JSON.readTree(client.post("retention", "/api/v1/retention/plans", "{}").body());
        Map<String, JsonNode> byDigest = new HashMap<>();
        client.json("retention", "/api/v1/retention/plans/" + plan.path("id").asText() + "/items?limit=1000")
                .forEach(item -> byDigest.put(item.path("digest").asText(), item));
        return byDigest;
    }
}

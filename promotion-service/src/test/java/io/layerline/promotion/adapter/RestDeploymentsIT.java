package io.layerline.promotion.adapter;

import io.layerline.contracts.EventTypes;
import io.layerline.contracts.v1.DeploymentFinished;
import io.layerline.contracts.v1.ImagePromoted;
import io.layerline.testing.EventStream;
import io.layerline.testing.OciImages;
import io.layerline.testing.RawApi;
import io.layerline.testing.Registries;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deployers report over REST; the ledger records, the label is applied in the real registry, events go out. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestDeploymentsIT implements TestPropertyProvider {

    private static final String REGISTRY = Registries.registry().host();

    @Inject
    EmbeddedServer server;

    private RawApi api;
    private final OciImages images = new OciImages(Registries.registry().url());

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.withOciRegistry(Registries.registry().url().toString());
    }

    @BeforeAll
    void connect() {
        api = new RawApi(server.getURI());
    }

    @Test
    void aDeployToProdTestIsRecordedLabelsTheImageMaybeProdInTheRegistryAndIsAnnounced() {
        String repository = "rest/" + unique();
        String digest = images.push(repository, "1.0", repository);

        RawApi.Answer answer = api.postJson("/api/v1/deployments",
                DeploymentReports.deployment("rest-" + unique(), "checkout", "prod_test", REGISTRY, repository, digest, "SUCCEEDED"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().path("promotion").path("label").asText()).isEqualTo("maybe_prod");
        String tag = "maybe_prod-" + digest.substring(7, 19);
        await().atMost(Duration.ofSeconds(30)).until(() -> images.digestOf(repository, tag).isPresent());
        assertThat(images.digestOf(repository, tag)).contains(digest);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/images?registry=" + REGISTRY
                + "&repository=" + repository + "&digest=" + digest).json().path("labels").path(0)
                .path("registryState").asText().equals("APPLIED"));
        String metrics = api.get("/prometheus").body();
        assertThat(metrics).contains("layerline_promotion_deployments_total{environment=\"prod_test\"",
                "layerline_promotion_labels_earned_total{label=\"maybe_prod\"", "layerline_promotion_label_apply_pending",
                "layerline_promotion_label_apply_failures_total", "kafka_consumer_records_lag_max");
        try (EventStream events = EventStream.onTestBroker()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> events.events(EventTypes.IMAGE_PROMOTED).stream()
                    .anyMatch(promoted -> promoted.image().digest().equals(digest)));
            assertThat(events.events(EventTypes.DEPLOYMENT_FINISHED)).extracting(DeploymentFinished::image)
                    .anyMatch(image -> image.digest().equals(digest));
        }
    }

    @Test
    void replayingTheSameDeploymentTenTimesYieldsOneEntryOneLabelAndOnePromotion() {
        String repository = "replay/" + unique();
        String digest = images.push(repository, "1.0", repository);
        String id = "replay-" + unique();
        String body = DeploymentReports.deployment(id, "replayed", "prod", REGISTRY, repository, digest, "SUCCEEDED");

        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(api.postJson("/api/v1/deployments", body).status());
        }

        assertThat(statuses).containsExactly(201, 200, 200, 200, 200, 200, 200, 200, 200, 200);
        var history = api.get("/api/v1/images?registry=" + REGISTRY + "&repository=" + repository + "&digest="
                + digest).json();
        assertThat(history.path("deployments")).hasSize(1);
        assertThat(history.path("labels")).hasSize(1);
        assertThat(history.path("labels").path(0).path("label").asText()).isEqualTo("prod");
        try (EventStream events = EventStream.onTestBroker()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> promotionsOf(events, digest) == 1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> promotionsOf(events, digest) == 1);
        }
    }

    @Test
    void badInputGetsAClearFourHundredAndWritesNothing() {
        String id = "bad-" + unique();
        String valid = DeploymentReports.deployment(id, "svc", "prod", REGISTRY, "team/app", "sha256:" + "ab".repeat(32),
                "SUCCEEDED");

        RawApi.Answer malformed = api.postJson("/api/v1/deployments", "{\"deploymentId\": \"" + id + "\", ");
        assertThat(malformed.status()).isEqualTo(400);

        RawApi.Answer missingDigest = api.postJson("/api/v1/deployments",
                valid.replace("\"digest\": \"sha256:" + "ab".repeat(32) + "\",", ""));
        assertThat(missingDigest.status()).isEqualTo(400);
        assertThat(missingDigest.json().path("errors").path(0).path("field").asText()).isEqualTo("image.digest");

        RawApi.Answer badEnvironment = api.postJson("/api/v1/deployments",
                valid.replace("\"environment\": \"prod\"", "\"environment\": \"Prod Cluster!\""));
        assertThat(badEnvironment.status()).isEqualTo(400);
        assertThat(badEnvironment.json().path("errors").path(0).path("field").asText()).isEqualTo("environment");

        RawApi.Answer badTime = api.postJson("/api/v1/deployments",
                valid.replace("2026-11-25T10:01:00Z", "yesterday"));
        assertThat(badTime.status()).isEqualTo(400);

        byte[] tenMegabytes = ("{\"deploymentId\": \"" + id + "\", \"target\": \"" + "x".repeat(10 * 1024 * 1024)
                + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(api.post("/api/v1/deployments", "application/json", tenMegabytes).status()).isEqualTo(413);

        assertThat(api.post("/api/v1/deployments", "text/plain", valid.getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(415);

        assertThat(api.get("/api/v1/deployments/" + id).status()).isEqualTo(404);
    }

    @Test
    void answersWhatRunsWhereAndWhatToRollBackTo() {
        String service = "rollback-" + unique();
        String repository = "rollback/" + unique();
        for (int i = 1; i <= 4; i++) {
            String digest = "sha256:" + String.format("%064d", i);
            String body = DeploymentReports.deployment(service + "-" + i, service, "prod", "harbor.example.com", repository, digest,
                    i == 3 ? "FAILED" : "SUCCEEDED").replace("10:01:00Z", "10:0" + i + ":00Z");
            assertThat(api.postJson("/api/v1/deployments", body).status()).isEqualTo(201);
        }

        var running = api.get("/api/v1/environments/prod/services").json();
        assertThat(running.findValuesAsText("service")).contains(service);
        assertThat(running.findValues("deployedBy")).extracting(node -> node.asText()).contains("argocd");
        assertThat(api.get("/api/v1/environments").json().findValuesAsText("name")).contains("prod");

        var candidates = api.get("/api/v1/services/" + service + "/rollback-candidates?environment=prod&limit=10")
                .json();
        assertThat(candidates.findValuesAsText("digest"))
                .containsExactly("sha256:" + String.format("%064d", 2), "sha256:" + String.format("%064d", 1));
        assertThat(candidates.path(0).path("deployedBy").asText()).isEqualTo("argocd");

        assertThat(api.get("/api/v1/services/" + service + "/deployments?environment=prod").json()).hasSize(4);
        var history = api.get("/api/v1/services/" + service + "/deployments").json();
        assertThat(history.findValuesAsText("deploymentId")).as("every environment, newest first")
                .containsExactly(service + "-4", service + "-3", service + "-2", service + "-1");
        assertThat(api.get("/api/v1/services/" + service + "/rollback-candidates").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/services/" + service + "/deployments?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/images?registry=r&repository=a&digest=latest").status()).isEqualTo(400);
    }

    private static long promotionsOf(EventStream events, String digest) {
        return events.events(EventTypes.IMAGE_PROMOTED).stream()
                .map(ImagePromoted::image).filter(image -> image.digest().equals(digest)).count();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

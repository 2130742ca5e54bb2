package io.layerline.catalog.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.contracts.v1.ImageBuilt;
import io.layerline.contracts.v1.ImagePushed;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.EventStream;
import io.layerline.testing.Infrastructure;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Images built through Kafka form the graph; a base change's impact comes with its rebuild waves. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImpactIT implements TestPropertyProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGISTRY = "harbor.example.com";

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Override
    public Map<String, String> getProperties() {
        return Infrastructure.serviceProperties();
    }

    @Test
    void theImpactOfAnOsBaseListsEveryDescendantRepositoryInRebuildWaves() throws Exception {
        String os = built("base/debian", "os", null, null);
        String jre = built("runtime/temurin", "jre", os, null);
        String maven = built("tooling/maven", "maven", jre, null);
        String app = built("team/app", "app", jre, maven);
        String other = built("team/other", "other", os, null);

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/graph/descendants?digest=" + os).size() == 4);

        assertThat(values(get("/api/v1/graph/lineage?digest=" + app), "digest")).containsExactly(app, jre, os);
        assertThat(values(get("/api/v1/graph/lineage?digest=" + app), "repository"))
                .containsExactly(REGISTRY + "/" + repo("team/app"), REGISTRY + "/" + repo("runtime/temurin"),
                        REGISTRY + "/" + repo("base/debian"));
        JsonNode impact = get("/api/v1/graph/impact?registry=" + REGISTRY + "&repository=" + repo("base/debian"));
        assertThat(impact.path("affected").size()).isEqualTo(4);
        JsonNode appImpact = impact.path("affected").get(3);
        assertThat(appImpact.path("repository").asText()).isEqualTo(REGISTRY + "/" + repo("team/app"));
        assertThat(appImpact.path("digest").asText()).isEqualTo(app);
        assertThat(appImpact.path("wave").asInt()).isEqualTo(3);
        assertThat(appImpact.path("tier").asText()).isEqualTo("app");
        assertThat(values(impact.path("waves").path(0)))
                .containsExactlyInAnyOrder(REGISTRY + "/" + repo("runtime/temurin"), REGISTRY + "/" + repo("team/other"));
        assertThat(values(impact.path("waves").path(1))).containsExactly(REGISTRY + "/" + repo("tooling/maven"));
        assertThat(values(impact.path("waves").path(2))).containsExactly(REGISTRY + "/" + repo("team/app"));
        assertThat(get("/api/v1/graph/impact?digest=" + maven).path("affected").size()).isEqualTo(1);
        assertThat(other).isNotBlank();

        assertThat(status("/api/v1/graph/lineage?digest=latest")).isEqualTo(400);
        assertThat(status("/api/v1/graph/impact")).isEqualTo(400);
    }

    @Test
    void aBaseKnownOnlyByItsReferenceIsResolvedWhenItIsSeen() throws Exception {
        String base = "sha256:" + String.format("%064x", Math.abs((run + "late-base").hashCode()));
        String app = "sha256:" + String.format("%064x", Math.abs((run + "late-app").hashCode()));
        try (EventStream events = EventStream.onTestBroker()) {
            events.publish(new ImageBuilt(REGISTRY, repo("team/late"), app, List.of("1"), 100L, List.of(),
                    List.of(new ImageBuilt.BaseImage(0, null, REGISTRY + "/" + repo("base/late") + ":3", null, true)),
                    new ImageBuilt.Provenance(null, null, null, null, null, "Dockerfile", null), Instant.now(), null));
            await().atMost(Duration.ofSeconds(30)).until(() -> status("/api/v1/images/" + app) == 200);
            assertThat(get("/api/v1/graph/lineage?digest=" + app).size()).isEqualTo(1);

            events.publish(new ImagePushed(REGISTRY, repo("base/late"), base, List.of("3"), 50L, null, null, "ci",
                    Instant.now()));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/graph/lineage?digest=" + app).size() == 2);
        assertThat(values(get("/api/v1/graph/lineage?digest=" + app), "digest")).containsExactly(app, base);
    }

    /** Signatures, SBOMs and charts pushed beside images are not images: the graph leaves them out. */
    @Test
    void whatIsPushedBesideImagesAndIsNoImageStaysOutOfTheCatalog() throws Exception {
        String image = "sha256:" + String.format("%064x", Math.abs((run + "signed-image").hashCode()));
        String signature = "sha256:" + String.format("%064x", Math.abs((run + "its-signature").hashCode()));
        String chart = "sha256:" + String.format("%064x", Math.abs((run + "a-chart").hashCode()));
        try (EventStream events = EventStream.onTestBroker()) {
            events.publish(new ImagePushed(REGISTRY, repo("team/signed"), signature,
                    List.of("sha256-" + image.substring(7) + ".sig"), 556L, null, ImagePushed.ArtifactKind.SIGNATURE,
                    "ci", Instant.now()));
            events.publish(new ImagePushed(REGISTRY, repo("team/signed"), chart, List.of("0.1.0"), 4_096L, null,
                    ImagePushed.ArtifactKind.HELM_CHART, "ci", Instant.now()));
            events.publish(new ImagePushed(REGISTRY, repo("team/signed"), image, List.of("1.0"), 100L, null,
                    ImagePushed.ArtifactKind.IMAGE, "ci", Instant.now()));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> status("/api/v1/images/" + image) == 200);
        assertThat(status("/api/v1/images/" + signature)).isEqualTo(404);
        assertThat(status("/api/v1/images/" + chart)).isEqualTo(404);
    }

    /** Publishes an ImageBuilt whose final stage is {@code base} and builder stage {@code builder}; its digest. */
    private String built(String repository, String name, String base, String builder) {
        String digest = "sha256:" + String.format("%064x", Math.abs((run + name).hashCode()));
        List<ImageBuilt.BaseImage> bases = new ArrayList<>();
        if (builder != null) {
            bases.add(new ImageBuilt.BaseImage(0, "build", "builder", builder, false));
        }
        bases.add(new ImageBuilt.BaseImage(bases.size(), null, base == null ? "scratch" : "base", base, true));
        try (EventStream events = EventStream.onTestBroker()) {
            events.publish(new ImageBuilt(REGISTRY, repo(repository), digest, List.of("1.0"), 100L, List.of(), bases,
                    new ImageBuilt.Provenance(null, null, null, null, null, "Dockerfile", null), Instant.now(), null));
        }
        return digest;
    }

    private String repo(String repository) {
        return run + "-" + repository;
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(http.send(ApiTokens.request(URI.create(server.getURI() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private int status(String path) throws Exception {
        return http.send(ApiTokens.request(URI.create(server.getURI() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.path(field).asText()));
        return values;
    }
}

package io.layerline.promotion.adapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deployers that speak CDEvents: the specification's own samples, as plain JSON, CloudEvents binary and
 * structured mode, are recorded; the label reaches the registry.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdEventsDeploymentsIT implements TestPropertyProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    private RawApi api;
    private final OciImages images = new OciImages(Registries.registry().url());

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestProperties.withOciRegistry(Registries.registry().url().toString());
        properties.put("layerline.promotion.default-registry", Registries.registry().host());
        return properties;
    }

    @BeforeAll
    void connect() {
        api = new RawApi(server.getURI());
    }

    @Test
    void theSpecificationsServiceDeployedSampleIsRecordedAsADeploymentOfItsService() throws IOException {
        RawApi.Answer answer = api.post("/api/v1/cdevents", "application/json", sample("service_deployed"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().path("service").asText()).isEqualTo("mySubject123");
        assertThat(answer.json().path("environment").asText()).isEqualTo("test123");
        assertThat(answer.json().path("image").path("repository").asText()).isEqualTo("myapp");
        assertThat(answer.json().path("kind").asText()).isEqualTo("DEPLOYED");
        assertThat(answer.json().path("ingress").asText()).isEqualTo("CDEVENTS");
        assertThat(api.post("/api/v1/cdevents", "application/json", sample("service_deployed")).status())
                .isEqualTo(200);
    }

    @Test
    void upgradedAndRolledBackSamplesAreRecordedWithTheirKind() throws IOException {
        assertThat(api.post("/api/v1/cdevents", "application/json", withNewId(sample("service_upgraded"))).json()
                .path("kind").asText()).isEqualTo("UPGRADED");
        assertThat(api.post("/api/v1/cdevents", "application/json", withNewId(sample("service_rolledback"))).json()
                .path("kind").asText()).isEqualTo("ROLLED_BACK");
    }

    /** The specification's samples share one context id; real events do not. */
    private static byte[] withNewId(byte[] sample) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(sample);
        ((ObjectNode) event.path("context")).put("id", UUID.randomUUID().toString());
        return JSON.writeValueAsBytes(event);
    }

    @Test
    void aDeployToProdInCloudEventsBinaryModePromotesTheImageInTheRegistry() throws IOException {
        String repository = "cdevents/" + UUID.randomUUID().toString().substring(0, 8);
        String digest = images.push(repository, "3.0", repository);
        byte[] event = deployedTo("prod", repository, digest);

        RawApi.Answer answer = api.post("/api/v1/cdevents", "application/json", event, Map.of(
                "ce-specversion", "1.0", "ce-id", UUID.randomUUID().toString(),
                "ce-source", "/deployers/argocd", "ce-type", "dev.cdevents.service.deployed.0.3.0"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().path("promotion").path("label").asText()).isEqualTo("prod");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> images.digestOf(repository, "prod-" + digest.substring(7, 19)).isPresent());
    }

    @Test
    void aDeployInCloudEventsStructuredModeIsRecorded() throws IOException {
        String repository = "structured/" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode cloudEvent = JSON.createObjectNode()
                .put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("source", "/deployers/argocd").put("type", "dev.cdevents.service.deployed.0.3.0")
                .put("datacontenttype", "application/json");
        cloudEvent.set("data", JSON.readTree(deployedTo("prod_test", repository, "sha256:" + "cd".repeat(32))));

        RawApi.Answer answer = api.post("/api/v1/cdevents", "application/cloudevents+json",
                JSON.writeValueAsBytes(cloudEvent));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().path("image").path("repository").asText()).isEqualTo(repository);
        assertThat(answer.json().path("promotion").path("label").asText()).isEqualTo("maybe_prod");
    }

    /**
     * What sdk-java's latest release and Spinnaker emit (0.3.0) and what cdviz emits (0.4.1), as the specification's
     * own samples of those releases show them, with a {@code pkg:docker} artifact and a {@code repository_url} that
     * stops at the namespace.
     */
    @Test
    void servicesDeployedInReleases030And041AreRecordedToo() throws IOException {
        String digest = "sha256:" + "3a".repeat(32);
        ObjectNode old = (ObjectNode) JSON.readTree(sample("0.3.0/examples", "service_deployed"));
        ((ObjectNode) old.path("context")).put("id", UUID.randomUUID().toString());
        ((ObjectNode) old.path("subject").path("content")).put("artifactId", "pkg:docker/acme/checkout@"
                + digest.replace(":", "%3A") + "?repository_url=index.docker.io");
        RawApi.Answer fromSpinnaker = api.post("/api/v1/cdevents", "application/json", JSON.writeValueAsBytes(old));
        assertThat(fromSpinnaker.status()).as(fromSpinnaker.body()).isEqualTo(201);
        assertThat(fromSpinnaker.json().path("image").path("registry").asText()).isEqualTo("docker.io");
        assertThat(fromSpinnaker.json().path("image").path("repository").asText()).isEqualTo("acme/checkout");

        ObjectNode recent = (ObjectNode) JSON.readTree(sample("0.4.1/conformance", "service_deployed"));
        ((ObjectNode) recent.path("context")).put("id", UUID.randomUUID().toString());
        ((ObjectNode) recent.path("subject").path("content")).put("artifactId", "pkg:oci/checkout@"
                + digest.replace(":", "%3A") + "?repository_url=ghcr.io/acme");
        RawApi.Answer fromCdviz = api.post("/api/v1/cdevents", "application/json", JSON.writeValueAsBytes(recent));
        assertThat(fromCdviz.status()).as(fromCdviz.body()).isEqualTo(201);
        assertThat(fromCdviz.json().path("image").path("registry").asText()).isEqualTo("ghcr.io");
        assertThat(fromCdviz.json().path("image").path("repository").asText()).isEqualTo("acme/checkout");
    }

    @Test
    void whatIsNotAnAcceptedValidCdEventWithAnImageGetsAnAnswerAndWritesNothing() throws IOException {
        String id = UUID.randomUUID().toString();
        String sample = new String(sample("service_deployed"), StandardCharsets.UTF_8)
                .replace("271069a8-fc18-44f1-b38f-9d70a1695819", id);

        RawApi.Answer maven = api.post("/api/v1/cdevents", "application/json", sample
                .replaceFirst("pkg:oci/myapp@sha256%3A[0-9a-f]+", "pkg:maven/org.example/app@1.0")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(maven.status()).isEqualTo(202);
        assertThat(maven.json().path("outcome").asText()).isEqualTo("ignored");
        assertThat(maven.json().path("reason").asText()).contains("pkg:maven");

        RawApi.Answer byTag = api.post("/api/v1/cdevents", "application/json", sample
                .replaceFirst("pkg:oci/myapp@sha256%3A[0-9a-f]+", "pkg:oci/myapp@1.4.2")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(byTag.status()).isEqualTo(400);
        assertThat(byTag.json().path("errors").path(0).path("field").asText()).isEqualTo("subject.content.artifactId");

        RawApi.Answer unread = api.post("/api/v1/cdevents", "application/json", sample
                .replace("\"specversion\": \"0.5.1\"", "\"specversion\": \"0.2.0\"").getBytes(StandardCharsets.UTF_8));
        assertThat(unread.status()).isEqualTo(400);
        assertThat(unread.body()).contains("0.3.x", "0.4.x", "0.5.x");

        RawApi.Answer noEnvironment = api.post("/api/v1/cdevents", "application/json",
                sample.replace("\"environment\"", "\"place\"").getBytes(StandardCharsets.UTF_8));
        assertThat(noEnvironment.status()).isEqualTo(400);

        RawApi.Answer removed = api.post("/api/v1/cdevents", "application/json", sample("service_removed"));
        assertThat(removed.status()).isEqualTo(400);
        assertThat(removed.body()).contains("dev.cdevents.service.removed.0.3.0");

        assertThat(api.post("/api/v1/cdevents", "application/json", "[1, 2".getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(400);
        assertThat(api.get("/api/v1/deployments/%2Fevent%2Fsource%2F123%23" + id).status()).isEqualTo(404);
    }

    private byte[] deployedTo(String environment, String repository, String digest) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(sample("service_deployed"));
        ((ObjectNode) event.path("context")).put("id", UUID.randomUUID().toString());
        ObjectNode content = (ObjectNode) event.path("subject").path("content");
        ((ObjectNode) content.path("environment")).put("id", environment);
        content.put("artifactId", "pkg:oci/" + repository.substring(repository.lastIndexOf('/') + 1) + "@"
                + digest.replace(":", "%3A") + "?repository_url=" + Registries.registry().host() + "/" + repository);
        return JSON.writeValueAsBytes(event);
    }

    private static byte[] sample(String name) throws IOException {
        return sample("0.5.1/conformance", name);
    }

    /** A sample the specification's release ships, from the bundle in event-contracts. */
    private static byte[] sample(String release, String name) throws IOException {
        try (InputStream in = CdEventsDeploymentsIT.class.getClassLoader()
                .getResourceAsStream("cdevents/" + release + "/" + name + ".json")) {
            return in.readAllBytes();
        }
    }
}

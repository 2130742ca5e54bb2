package io.layerline.build.adapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.v1.ImageBuilt;
import io.layerline.contracts.v1.ImagePushed;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.OciImages;
import io.layerline.testing.ProducerCorpus;
import io.layerline.testing.Registries;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.layerline.testing.EventStream.announced;
import static io.layerline.testing.EventStream.awaitOne;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI ingress: the CDEvents specification's own samples and our ImageBuilt JSON become the right image events, once
 * per delivery; bad tokens and bad bodies are refused with a reason, nothing announced. (Harbor's deliveries:
 * {@link HarborDeliveriesIT}.)
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngressIT implements TestPropertyProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "ci-" + UUID.randomUUID();
    private static final String SECRET = "Basic " + UUID.randomUUID();

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.put("layerline.build.registry.url", Registries.registry().url().toString());
        properties.put("layerline.build.ingress.token", TOKEN);
        properties.put("layerline.build.harbor.webhook-secret", SECRET);
        return properties;
    }

    @Test
    void ciIngressRequiresItsBearerToken() throws Exception {
        String body = sample("build_finished");

        assertThat(post("/api/v1/events", "application/json", body, null).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/events", "application/json", body, "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/events", "application/json", body, TOKEN).statusCode()).isEqualTo(401);
    }

    @Test
    void theSpecificationsSamplesAreTakenInOncePerDelivery() throws Exception {
        HttpResponse<String> packaged = ci(sample("artifact_packaged"));
        HttpResponse<String> published = ci(sample("artifact_published"));
        HttpResponse<String> finished = ci(sample("build_finished"));
        HttpResponse<String> again = ci(sample("build_finished"));

        assertThat(packaged.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(packaged.body()).path("outcome").asText()).isEqualTo("ignored");
        assertThat(JSON.readTree(packaged.body()).path("reason").asText()).contains("pkg:golang");
        assertThat(JSON.readTree(published.body()).path("outcome").asText()).isEqualTo("ignored");
        assertThat(finished.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("outcome").asText()).isEqualTo("duplicate");
        String digest = "sha256:0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427";
        ImagePushed pushed = awaitOne(EventTypes.IMAGE_PUSHED, event -> event.digest().equals(digest));
        assertThat(pushed.repository()).isEqualTo("myapp");
        assertThat(pushed.registry()).isEqualTo(Registries.registry().host());
        assertThat(announced(EventTypes.IMAGE_PUSHED, event -> event.digest().equals(digest))).hasSize(1);
    }

    @Test
    void aPublishedOciArtifactBecomesAPushedImageWithItsTag() throws Exception {
        String digest = digest("published");
        ObjectNode event = (ObjectNode) JSON.readTree(sample("artifact_published"));
        ((ObjectNode) event.path("context")).put("id", UUID.randomUUID().toString());
        ((ObjectNode) event.path("subject")).put("id", "pkg:oci/app@" + digest.replace(":", "%3A")
                + "?repository_url=harbor.example.com/" + run + "/app&tag=2.0");

        assertThat(ci(JSON.writeValueAsString(event)).statusCode()).isEqualTo(202);

        ImagePushed pushed = awaitOne(EventTypes.IMAGE_PUSHED, image -> image.digest().equals(digest));
        assertThat(pushed.registry()).isEqualTo("harbor.example.com");
        assertThat(pushed.repository()).isEqualTo(run + "/app");
        assertThat(pushed.tags()).containsExactly("2.0");
        assertThat(pushed.pushedBy()).isEqualTo("mybot-myapp");
    }

    /**
     * Releases 0.3.0 (sdk-java, Spinnaker) and 0.4.1 (cdviz), as the specification's own samples of them show an
     * {@code artifact.published}, naming a {@code pkg:docker} image on Docker Hub and a {@code pkg:oci} image whose
     * {@code repository_url} stops at the namespace.
     */
    @Test
    void publishedArtifactsOfReleases030And041BecomePushedImages() throws Exception {
        String fromSdk = digest("published-0.3.0");
        ObjectNode old = (ObjectNode) JSON.readTree(sample("0.3.0/examples", "artifact_published"));
        ((ObjectNode) old.path("context")).put("id", UUID.randomUUID().toString());
        ((ObjectNode) old.path("subject")).put("id", "pkg:docker/" + run + "/app@" + fromSdk.replace(":", "%3A")
                + "?repository_url=registry-1.docker.io");
        String fromCdviz = digest("published-0.4.1");
        ObjectNode recent = (ObjectNode) JSON.readTree(sample("0.4.1/conformance", "artifact_published"));
        ((ObjectNode) recent.path("context")).put("id", UUID.randomUUID().toString());
        ((ObjectNode) recent.path("subject")).put("id", "pkg:oci/app@" + fromCdviz.replace(":", "%3A")
                + "?repository_url=ghcr.io/" + run);

        assertThat(ci(JSON.writeValueAsString(old)).statusCode()).isEqualTo(202);
        assertThat(ci(JSON.writeValueAsString(recent)).statusCode()).isEqualTo(202);

        ImagePushed docker = awaitOne(EventTypes.IMAGE_PUSHED, image -> image.digest().equals(fromSdk));
        assertThat(docker.registry()).isEqualTo("docker.io");
        assertThat(docker.repository()).isEqualTo(run + "/app");
        ImagePushed oci = awaitOne(EventTypes.IMAGE_PUSHED, image -> image.digest().equals(fromCdviz));
        assertThat(oci.registry()).isEqualTo("ghcr.io");
        assertThat(oci.repository()).isEqualTo(run + "/app");
    }

    /**
     * The cdevents Java SDK's latest release, as it writes an {@code artifact.published}
     * ({@code testing/src/main/resources/producers/cdevents/sdk-java}); its own tests cut the digest short, which is
     * refused with the reason.
     */
    @Test
    void theJavaSdksPublishedArtifactBecomesAPushedImageOnce() throws Exception {
        ProducerCorpus deliveries = new ProducerCorpus(run, "none");
        String digest = deliveries.digest("sha256:0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427");
        String event = withOwnId(deliveries.read("cdevents", "sdk-java/artifact-published-0.3.0.json", "none"));

        assertThat(ci(event).statusCode()).isEqualTo(202);
        assertThat(ci(event).statusCode()).isEqualTo(200);

        ImagePushed pushed = awaitOne(EventTypes.IMAGE_PUSHED, image -> image.digest().equals(digest));
        assertThat(pushed.registry()).isEqualTo(Registries.registry().host());
        assertThat(pushed.repository()).isEqualTo("myapp");
        assertThat(pushed.tags()).isEmpty();
        assertThat(pushed.pushedBy()).isEqualTo("http://dev.cdevents");
        assertThat(pushed.pushedAt()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(pushed.artifactKind()).isNull();
        HttpResponse<String> shortDigest = ci(withOwnId(deliveries.read("cdevents",
                "sdk-java/artifact-published-short-digest-0.3.0.json", "none")));
        assertThat(shortDigest.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(shortDigest.body()).path("errors").path(0).path("field").asText())
                .isEqualTo("subject.id");
        Thread.sleep(500);
        assertThat(announced(EventTypes.IMAGE_PUSHED, image -> image.digest().equals(digest))).hasSize(1);
    }

    /** An image named by tag alone, as cdviz names them, is resolved where the registry may be read. */
    @Test
    void anArtifactPublishedByTagAloneIsResolvedInAReadableRegistry() throws Exception {
        String repository = run + "/by-tag";
        String digest = new OciImages(Registries.registry().url()).push(repository, "6.9.0", "tag only " + run);
        ObjectNode event = (ObjectNode) JSON.readTree(sample("artifact_published"));
        ((ObjectNode) event.path("context")).put("id", UUID.randomUUID().toString());
        ((ObjectNode) event.path("subject")).put("id", "pkg:oci/by-tag?repository_url="
                + Registries.registry().host() + "/" + run + "&tag=6.9.0");

        assertThat(ci(JSON.writeValueAsString(event)).statusCode()).isEqualTo(202);
        assertThat(awaitOne(EventTypes.IMAGE_PUSHED, image -> image.digest().equals(digest)).tags())
                .containsExactly("6.9.0");

        ((ObjectNode) event.path("context")).put("id", UUID.randomUUID().toString());
        ((ObjectNode) event.path("subject")).put("id", "pkg:oci/podinfo?repository_url=ghcr.io/stefanprodan&tag=6.9.0");
        HttpResponse<String> elsewhere = ci(JSON.writeValueAsString(event));
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("ghcr.io/stefanprodan/podinfo:6.9.0", "give the digest");
    }

    @Test
    void aPackagedImageThatNamesItsBaseIsReadFromTheRegistryAndAnnouncedAsBuilt() throws Exception {
        String repository = run + "/service";
        String base = "harbor.example.com/runtime/temurin:17-jre";
        String baseDigest = digest("base");
        String digest = new OciImages(Registries.registry().url()).push(repository, "3.1", "app layer",
                Map.of("org.opencontainers.image.base.name", base, "org.opencontainers.image.base.digest", baseDigest,
                        "org.opencontainers.image.revision", "0a1b2c3d4e5f"));
        ObjectNode event = (ObjectNode) JSON.readTree(sample("artifact_packaged"));
        ((ObjectNode) event.path("context")).put("id", UUID.randomUUID().toString());
        ((ObjectNode) event.path("subject")).put("id", "pkg:oci/service@" + digest.replace(":", "%3A")
                + "?repository_url=" + Registries.registry().host() + "/" + repository + "&tag=3.1");

        HttpResponse<String> response = ci(JSON.writeValueAsString(event));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        ImageBuilt built = awaitOne(EventTypes.IMAGE_BUILT, image -> image.digest().equals(digest));
        assertThat(built.baseImages()).containsExactly(new ImageBuilt.BaseImage(0, null, base, baseDigest, true));
        assertThat(built.layers()).hasSize(1);
        assertThat(built.provenance().commit()).isEqualTo("0a1b2c3d4e5f");
        assertThat(built.provenance().sourceRepository()).isEqualTo("my-git.example/an-org/a-repo");
    }

    @Test
    void ourOwnImageBuiltJsonIsValidatedAndAnnounced() throws Exception {
        ObjectNode sample;
        try (InputStream in = getClass().getResourceAsStream("/samples/v1/image-built.json")) {
            sample = (ObjectNode) JSON.readTree(in);
        }
        String digest = digest("native");
        sample.put("digest", digest);

        assertThat(ci(JSON.writeValueAsString(sample)).statusCode()).isEqualTo(202);
        assertThat(awaitOne(EventTypes.IMAGE_BUILT, image -> image.digest().equals(digest)).repository())
                .isEqualTo(sample.path("repository").asText());

        sample.put("digest", "latest");
        HttpResponse<String> invalid = ci(JSON.writeValueAsString(sample));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("digest");
        assertThat(ci("{\"context\": ").statusCode()).isEqualTo(400);
        assertThat(ci("[]").statusCode()).isEqualTo(400);
    }

    /** A producer's event with a context id of this run. */
    private static String withOwnId(String event) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(event);
        ((ObjectNode) node.path("context")).put("id", UUID.randomUUID().toString());
        return JSON.writeValueAsString(node);
    }

    private String digest(String name) {
        return OciImages.sha256((run + name).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOversizedBodyIsRefusedFromItsLengthBeforeItIsSent() throws Exception {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/webhooks/harbor HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nAuthorization: " + SECRET + "\r\n"
                    + "Content-Length: 5000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).as("answered without waiting for the 5 MB announced").startsWith("HTTP/1.1 413");
        }
    }

    private static String sample(String name) throws Exception {
        return sample("0.5.1/conformance", name);
    }

    /** A sample the specification's release ships, from the bundle in event-contracts. */
    private static String sample(String release, String name) throws Exception {
        try (InputStream in = IngressIT.class.getResourceAsStream("/cdevents/" + release + "/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> ci(String body) throws Exception {
        return post("/api/v1/events", "application/json", body, "Bearer " + TOKEN);
    }

    private HttpResponse<String> post(String path, String contentType, String body, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

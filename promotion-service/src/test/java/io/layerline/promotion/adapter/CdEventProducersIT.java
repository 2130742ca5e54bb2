package io.layerline.promotion.adapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.v1.DeploymentFinished;
import io.layerline.contracts.v1.ImageRef;
import io.layerline.testing.OciImages;
import io.layerline.testing.ProducerCorpus;
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
import java.util.Map;
import java.util.UUID;

import static io.layerline.testing.EventStream.announced;
import static io.layerline.testing.EventStream.awaitOne;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deployments as real CDEvents producers report them ({@code testing/src/main/resources/producers/cdevents}): the
 * cdevents Java SDK's latest release (0.3.0) and cdviz's ArgoCD and kubewatch transformers (0.4.1), posted to the
 * running service; each deployment announced on Kafka field by field, once.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdEventProducersIT implements TestPropertyProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC_DIGEST = "sha256:0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427";

    @Inject
    EmbeddedServer server;

    private RawApi api;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ProducerCorpus deliveries = new ProducerCorpus(run, "none");
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

    /** The SDK's ids are paths; they become names, the environment id is kept as the deployment's target. */
    @Test
    void theJavaSdksServiceDeployedIsRecordedAndAnnouncedOnce() throws IOException {
        String digest = deliveries.digest(SPEC_DIGEST);
        byte[] event = withOwnId(deliveries.read("cdevents", "sdk-java/service-deployed-0.3.0.json", "none"));

        RawApi.Answer answer = api.post("/api/v1/cdevents", "application/json", event);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        DeploymentFinished deployment = awaitOne(EventTypes.DEPLOYMENT_FINISHED,
                finished -> finished.image().digest().equals(digest));
        assertThat(deployment.service()).isEqualTo("dev.service.run.subject");
        assertThat(deployment.environment()).isEqualTo("dev-environment-run-subject");
        assertThat(deployment.target()).isEqualTo("dev/environment/run/subject");
        assertThat(deployment.image()).isEqualTo(new ImageRef(Registries.registry().host(), "myapp", digest, null));
        assertThat(deployment.kind()).isEqualTo(DeploymentFinished.Kind.DEPLOYED);
        assertThat(deployment.status()).isEqualTo(DeploymentFinished.Status.SUCCEEDED);
        assertThat(deployment.deployer()).isEqualTo("http://dev.cdevents");
        assertThat(deployment.finishedAt()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(api.post("/api/v1/cdevents", "application/json", event).status()).isEqualTo(200);
        assertThat(announced(EventTypes.DEPLOYMENT_FINISHED, finished -> finished.image().digest().equals(digest)))
                .hasSize(1);
    }

    @Test
    void theJavaSdksOwnTestDigestsAreCutShortAndRefusedWithTheReason() throws IOException {
        RawApi.Answer answer = api.post("/api/v1/cdevents", "application/json",
                withOwnId(deliveries.read("cdevents", "sdk-java/service-deployed-short-digest-0.3.0.json", "none")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errors").path(0).path("field").asText()).isEqualTo("subject.content.artifactId");
        assertThat(answer.json().path("errors").path(0).path("message").asText()).contains("64 lower-case hex");
    }

    /**
     * cdviz names the image by tag alone: the tag is resolved in the registry the service labels (the fixture's
     * {@code ghcr.io/stefanprodan} made this test's registry), the service id {@code argocd/<app>/<app>} and the
     * cluster URL become names.
     */
    @Test
    void argoCdDeploymentsFromCdvizAreRecordedWithTheDigestTheirTagPointsTo() throws IOException {
        String digest = images.push(run + "/aaaaaaa", "6.9.0", "podinfo " + run);
        byte[] event = withOwnId(deliveries.read("cdevents", "cdviz/argocd-service-deployed-image-0.4.1.json", "none")
                .replace("ghcr.io/stefanprodan", Registries.registry().host() + "/" + run));

        RawApi.Answer answer = api.post("/api/v1/cdevents", "application/json", event);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        DeploymentFinished deployment = awaitOne(EventTypes.DEPLOYMENT_FINISHED,
                finished -> finished.image().digest().equals(digest));
        assertThat(deployment.service()).isEqualTo("argocd.aaaaaaa.aaaaaaa");
        assertThat(deployment.environment()).isEqualTo("https-kubernetes-default-svc");
        assertThat(deployment.target()).isEqualTo("https://kubernetes.default.svc");
        assertThat(deployment.image()).isEqualTo(new ImageRef(Registries.registry().host(), run + "/aaaaaaa", digest,
                "6.9.0"));
        assertThat(deployment.deployer()).isEqualTo("http://cdviz-collector.example.com?source=cli-transform");
        assertThat(api.post("/api/v1/cdevents", "application/json", event).status()).isEqualTo(200);
        assertThat(announced(EventTypes.DEPLOYMENT_FINISHED, finished -> finished.image().digest().equals(digest)))
                .hasSize(1);
    }

    @Test
    void whatCdvizSendsThatCannotBeRecordedIsAnsweredWithTheReason() throws IOException {
        RawApi.Answer elsewhere = api.post("/api/v1/cdevents", "application/json",
                withOwnId(deliveries.read("cdevents", "cdviz/argocd-service-deployed-image-0.4.1.json", "none")));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.json().path("errors").path(0).path("message").asText())
                .contains("6.9.0", "ghcr.io/stefanprodan/aaaaaaa", "give the digest");

        RawApi.Answer kubewatch = api.post("/api/v1/cdevents", "application/json",
                withOwnId(deliveries.read("cdevents", "cdviz/kubewatch-service-upgraded-0.4.1.json", "none")));
        assertThat(kubewatch.status()).isEqualTo(400);
        assertThat(kubewatch.json().path("errors").path(0).path("message").asText())
                .contains("docker.io/robustadev/aaaaaaaaa:v2.9.0");

        RawApi.Answer gitops = api.post("/api/v1/cdevents", "application/json",
                withOwnId(deliveries.read("cdevents", "cdviz/argocd-service-deployed-gitops-0.4.1.json", "none")));
        assertThat(gitops.status()).isEqualTo(202);
        assertThat(gitops.json().path("outcome").asText()).isEqualTo("ignored");
        assertThat(gitops.json().path("reason").asText()).contains("pkg:github");
    }

    /** cdviz-collector gives each event its own id when it sends it; its transformers' outputs all say 0. */
    private static byte[] withOwnId(String event) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(event);
        ((ObjectNode) node.path("context")).put("id", UUID.randomUUID().toString());
        return JSON.writeValueAsBytes(node);
    }
}

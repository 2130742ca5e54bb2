package io.layerline.promotion.adapter;

import io.layerline.contracts.v1.DeploymentFinished;
import io.layerline.contracts.v1.ImageRef;
import io.layerline.testing.EventStream;
import io.layerline.testing.OciImages;
import io.layerline.testing.RawApi;
import io.layerline.testing.Registries;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deployers publish DeploymentFinished on Kafka; the ledger records it and the label reaches the registry. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaDeploymentsIT implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    private final OciImages images = new OciImages(Registries.registry().url());

    @Override
    public Map<String, String> getProperties() {
        return TestProperties.withOciRegistry(Registries.registry().url().toString());
    }

    @Test
    void aDeploymentPublishedOnKafkaIsRecordedOnceAndPromotesItsImageInTheRegistry() {
        String repository = "kafka/" + UUID.randomUUID().toString().substring(0, 8);
        String digest = images.push(repository, "2.0", repository);
        String id = "kafka-" + UUID.randomUUID();
        DeploymentFinished deployment = new DeploymentFinished(id, "orders", "prod",
                new ImageRef(Registries.registry().host(), repository, digest, "2.0"),
                DeploymentFinished.Kind.DEPLOYED, DeploymentFinished.Status.SUCCEEDED, "flux", "eu-2",
                Instant.parse("2026-11-25T09:00:00Z"), Instant.parse("2026-11-25T09:02:00Z"));

        try (EventStream events = EventStream.onTestBroker()) {
            events.publish(deployment);
            events.publish(deployment);
        }

        RawApi api = new RawApi(server.getURI());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/deployments/" + id).status() == 200);
        assertThat(api.get("/api/v1/deployments/" + id).json().path("ingress").asText()).isEqualTo("KAFKA");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> images.digestOf(repository, "prod-" + digest.substring(7, 19)).isPresent());
        var history = api.get("/api/v1/images?registry=" + Registries.registry().host() + "&repository="
                + repository + "&digest=" + digest).json();
        assertThat(history.path("deployments")).hasSize(1);
        assertThat(history.path("labels").path(0).path("label").asText()).isEqualTo("prod");
        assertThat(api.get("/api/v1/environments/prod/services").json().findValuesAsText("service"))
                .contains("orders");
    }
}

package io.layerline.promotion.adapter;

import io.layerline.registry.RegistryClient;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.RawApi;
import io.layerline.testing.SecuredRegistries;
import io.layerline.testing.SupplyChainImages;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Promotion tags land in a registry that wants a bearer token (over HTTPS with a private CA), as GHCR or Quay do. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRegistryPromotionIT implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private SecuredRegistries.SecuredRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        registry = SecuredRegistries.token(Infrastructure.workDir().resolve("token-registry-" + run));
        Map<String, String> properties = TestProperties.withOciRegistry(registry.access().url().toString());
        properties.putAll(registry.properties("layerline.promotion.registry.oci"));
        return properties;
    }

    @AfterAll
    void stopRegistry() throws Exception {
        registry.close();
    }

    @Test
    void aDeployToProdTestTagsTheImageThroughTheTokenFlow() throws Exception {
        RegistryClient client = new RegistryClient(registry.access());
        String repository = "token-" + run + "/app";
        String digest = new SupplyChainImages(client).image(repository, "1.0", "amd64",
                List.of(SupplyChainImages.layer(4096, 7))).digest();

        RawApi.Answer answer = new RawApi(server.getURI()).postJson("/api/v1/deployments", DeploymentReports.deployment("token-" + run,
                "checkout", "prod_test", registry.host(), repository, digest, "SUCCEEDED"));

        assertThat(answer.status()).isEqualTo(201);
        String tag = "maybe_prod-" + digest.substring(7, 19);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.digest(repository, tag).isPresent());
        assertThat(client.digest(repository, tag)).contains(digest);
        assertThat(registry.tokenScopes()).contains("repository:" + repository + ":pull,push");
    }
}

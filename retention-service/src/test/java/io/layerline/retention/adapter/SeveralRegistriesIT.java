package io.layerline.retention.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.contracts.v1.ImagePushed;
import io.layerline.localinfra.LocalRegistry;
import io.layerline.registry.RegistryAccess;
import io.layerline.registry.RegistryClient;
import io.layerline.testing.EventStream;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One instance manages two registries — an anonymous one and one behind htpasswd over HTTPS — and plans for both;
 * an artifact announced for a registry it has no adapter for stays out of every deletion, as unmanaged.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeveralRegistriesIT implements TestPropertyProvider {

    private static final String ELSEWHERE = "registry.elsewhere.example";

    @Inject
    EmbeddedServer server;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private SecuredRegistries.SecuredRegistry secured;
    private LocalRegistry open;

    @Override
    public Map<String, String> getProperties() {
        secured = SecuredRegistries.basic(Infrastructure.workDir().resolve("several-secured-" + run));
        open = LocalRegistry.start(Infrastructure.workDir().resolve("several-open-" + run), 0);
        Map<String, String> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.put("layerline.retention.registries.team.type", "oci");
        properties.put("layerline.retention.registries.team.url", open.url().toString());
        secured.properties("layerline.retention.registries.secure")
                .forEach(properties::put);
        return properties;
    }

    @AfterAll
    void stopRegistries() throws Exception {
        secured.close();
        open.close();
    }

    @Test
    void plansForEveryManagedRegistryAndKeepsWhatIsElsewhere() throws Exception {
        String repository = "several-" + run + "/app";
        String inOpen = new SupplyChainImages(new RegistryClient(RegistryAccess.anonymous(open.url())))
                .image(repository, "1.0", "amd64", List.of(SupplyChainImages.layer(4096, 1))).digest();
        String inSecured = new SupplyChainImages(new RegistryClient(secured.access()))
                .image(repository, "1.0", "amd64", List.of(SupplyChainImages.layer(4096, 2))).digest();
        String elsewhere = "sha256:" + "e1".repeat(32);
        try (EventStream events = EventStream.onTestBroker()) {
            events.publish(new ImagePushed(ELSEWHERE, repository, elsewhere, List.of("old"), 10L, null, null, "ci",
                    Instant.now().minus(Duration.ofDays(90))));
        }
        RawApi api = new RawApi(server.getURI());

        JsonNode reconciled = RetentionPlans.JSON.readTree(api.sendJson("POST", "/api/v1/retention/reconciliations", null)
                .body());
        assertThat(reconciled.path("registries").findValuesAsText("registry"))
                .containsExactlyInAnyOrder(open.host(), secured.host());
        assertThat(reconciled.path("seen").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> RetentionPlans.decisions(api, repository).size() == 3);

        assertThat(api.sendJson("PUT", "/api/v1/retention/policies/default", """
                {"registry": "**", "repository": "**", "priority": 0,
                 "rules": [{"type": "keepNewestUsed", "label": "prod", "count": 10}]}""").status())
                .isEqualTo(200);
        Map<String, JsonNode> decisions = RetentionPlans.decisions(api, repository);
        assertThat(decisions.get(inOpen).path("action").asText()).isEqualTo("DELETE");
        assertThat(decisions.get(inSecured).path("action").asText()).isEqualTo("DELETE");
        assertThat(decisions.get(elsewhere).path("action").asText()).isEqualTo("KEEP");
        assertThat(decisions.get(elsewhere).path("reasons").asText())
                .isEqualTo("registry " + ELSEWHERE + " is not managed by this instance");
    }
}

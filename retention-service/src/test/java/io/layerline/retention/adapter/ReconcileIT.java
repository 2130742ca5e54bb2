package io.layerline.retention.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.contracts.v1.ImagePushed;
import io.layerline.testing.EventStream;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.OciImages;
import io.layerline.testing.RawApi;
import io.layerline.testing.Registries;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The registry itself tells the inventory about images no event announced and images deleted behind our back. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileIT implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.put("layerline.retention.registry.type", "oci");
        properties.put("layerline.retention.registry.oci.url", Registries.registry().url().toString());
        return properties;
    }

    @Test
    void unannouncedImagesAreAddedAndImagesDeletedBehindOurBackAreMarkedGone() throws Exception {
        String repository = "reconcile-" + UUID.randomUUID().toString().substring(0, 8) + "/app";
        OciImages images = new OciImages(Registries.registry().url());
        String unannounced = images.push(repository, "1.0", repository + " unannounced");
        String alsoTagged = images.push(repository, "1.1", repository + " also unannounced");
        images.push(repository, "latest", repository + " also unannounced");
        String vanished = images.push(repository, "0.9", repository + " vanished");
        try (EventStream events = EventStream.onTestBroker()) {
            events.publish(new ImagePushed(Registries.registry().host(), repository, vanished, List.of("0.9"), 10L,
                    OciImages.MANIFEST_TYPE, null, "ci", Instant.now().minus(Duration.ofDays(1))));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> decisions(repository).containsKey(vanished));
        http.send(HttpRequest.newBuilder(Registries.registry().url().resolve("/v2/" + repository + "/manifests/"
                + vanished)).DELETE().build(), HttpResponse.BodyHandlers.discarding());

        RawApi.Answer report = send("POST", "/api/v1/retention/reconciliations");

        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(RetentionPlans.JSON.readTree(report.body()).path("added").asInt()).isGreaterThanOrEqualTo(2);
        Map<String, JsonNode> decisions = decisions(repository);
        assertThat(decisions.keySet()).containsExactlyInAnyOrder(unannounced, alsoTagged);
        assertThat(decisions.get(alsoTagged).path("tags")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("1.1", "latest");
        assertThat(decisions.get(unannounced).path("reasons").asText()).contains("pushed within the last 7 days");
    }

    private Map<String, JsonNode> decisions(String repository) throws Exception {
        return RetentionPlans.decisions(new RawApi(server.getURI()), repository);
    }

    private RawApi.Answer send(String method, String path) {
        return new RawApi(server.getURI()).sendJson(method, path, null);
    }
}

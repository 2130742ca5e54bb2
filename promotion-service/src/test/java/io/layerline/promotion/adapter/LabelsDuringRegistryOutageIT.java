package io.layerline.promotion.adapter;

import io.layerline.localinfra.LocalRegistry;
import io.layerline.localinfra.Ports;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.OciImages;
import io.layerline.testing.RawApi;
import io.layerline.testing.Registries;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A registry that is down loses no promotion: the label waits, visibly, and is applied once the registry is up. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabelsDuringRegistryOutageIT implements TestPropertyProvider {

    private static final int PORT = Ports.free();
    private static final String HOST = "127.0.0.1:" + PORT;

    @Inject
    EmbeddedServer server;

    private LocalRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestProperties.withOciRegistry("http://" + HOST);
        properties.put("layerline.promotion.labels.retry-backoff", "200ms");
        properties.put("layerline.promotion.labels.max-backoff", "1s");
        return properties;
    }

    @AfterAll
    void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aLabelStaysPendingWhileTheRegistryIsDownAndIsAppliedWhenItReturns() {
        RawApi api = new RawApi(server.getURI());
        String repository = "outage/app";
        String digest = new OciImages(Registries.registry().url()).push(repository, "1.0", "outage image");

        assertThat(api.postJson("/api/v1/deployments",
                DeploymentReports.deployment("outage-1", "outage", "prod", HOST, repository, digest, "SUCCEEDED")).status())
                .isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var pending = api.get("/api/v1/labels/pending").json();
            return pending.size() == 1 && pending.path(0).path("attempts").asInt() >= 2
                    && pending.path(0).path("lastError").asText().contains("cannot be reached");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String metrics = api.get("/prometheus").body();
            return metrics.contains("layerline_promotion_label_apply_pending{service=\"promotion-service\"} 1.0")
                    && !metrics.contains("layerline_promotion_label_apply_failures_total{service=\"promotion-service\"} 0.0");
        });

        registry = LocalRegistry.start(Infrastructure.workDir().resolve("outage-registry"), PORT);
        OciImages returned = new OciImages(URI.create("http://" + HOST));
        assertThat(returned.push(repository, "1.0", "outage image")).isEqualTo(digest);

        String tag = "prod-" + digest.substring(7, 19);
        await().atMost(Duration.ofSeconds(30)).until(() -> returned.digestOf(repository, tag).isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/labels/pending").json().isEmpty());
        assertThat(returned.digestOf(repository, tag)).contains(digest);
    }
}

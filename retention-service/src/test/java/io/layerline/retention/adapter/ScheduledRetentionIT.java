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

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A policy with a schedule and auto-apply prunes the repositories it governs by itself. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledRetentionIT implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.put("layerline.retention.registry.type", "oci");
        properties.put("layerline.retention.registry.oci.url", Registries.registry().url().toString());
        properties.put("layerline.retention.schedule-check-interval", "1s");
        properties.put("layerline.retention.deletes-per-second", "100");
        return properties;
    }

    @Test
    void aScheduledAutoApplyingPolicyDeletesWhatItsRulesDoNotKeepInItsRepositoriesOnly() throws Exception {
        String project = "sched-" + UUID.randomUUID().toString().substring(0, 8);
        String governed = project + "/app";
        String elsewhere = project + "-other/app";
        OciImages images = new OciImages(Registries.registry().url());
        String release = images.push(governed, "v1.0.0", governed + " release");
        String snapshot = images.push(governed, "snapshot", governed + " snapshot");
        String untouched = images.push(elsewhere, "snapshot", elsewhere + " snapshot");
        try (EventStream events = EventStream.onTestBroker()) {
            Instant old = Instant.now().minus(Duration.ofDays(60));
            for (String[] image : new String[][]{{governed, release, "v1.0.0"}, {governed, snapshot, "snapshot"},
                    {elsewhere, untouched, "snapshot"}}) {
                events.publish(new ImagePushed(Registries.registry().host(), image[0], image[1], List.of(image[2]), 10L,
                        OciImages.MANIFEST_TYPE, null, "ci", old));
            }
        }
        RawApi api = new RawApi(server.getURI());
        await().atMost(Duration.ofSeconds(30)).until(() -> RetentionPlans.decisions(api, elsewhere).size() == 1
                && RetentionPlans.decisions(api, governed).size() == 2);

        RawApi.Answer badSchedule = api.sendJson("POST", "/api/v1/retention/policies", """
                {"id": "%s-bad", "registry": "**", "repository": "%s/*", "schedule": "every night", "autoApply": true,
                 "rules": [{"type": "keepYoungerThan", "days": 7}]}""".formatted(project, project));
        assertThat(badSchedule.status()).isEqualTo(400);
        assertThat(RetentionPlans.JSON.readTree(badSchedule.body()).path("errors").findValuesAsText("field"))
                .containsExactly("schedule");

        RawApi.Answer created = api.sendJson("POST", "/api/v1/retention/policies", """
                {"id": "%s", "registry": "**", "repository": "%s/*", "priority": 900, "schedule": "*/2 * * * * *",
                 "autoApply": true, "rules": [{"type": "keepTagsMatching", "pattern": "v[0-9.]+"}]}"""
                .formatted(project, project));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(60)).until(() -> images.digestOf(governed, snapshot).isEmpty());
        assertThat(images.digestOf(governed, release)).contains(release);
        assertThat(images.digestOf(elsewhere, untouched)).contains(untouched);
        JsonNode versions = api.json("/api/v1/retention/policies/" + project);
        assertThat(versions.path(0).path("schedule").asText()).isEqualTo("*/2 * * * * *");
        assertThat(versions.path(0).path("autoApply").asBoolean()).isTrue();
    }
}

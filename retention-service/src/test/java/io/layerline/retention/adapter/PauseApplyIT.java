package io.layerline.retention.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.contracts.EventTypes;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.EventStream;
import io.layerline.testing.OciImages;
import io.layerline.testing.Registries;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator pauses a plan while it is applied on the real registry: nothing more is deleted while it is paused,
 * and once resumed it finishes where it stopped, every deletion done once and the run announced once.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PauseApplyIT implements TestPropertyProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IMAGES = 8;

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();
    private final OciImages images = new OciImages(Registries.registry().url());
    private final String repository = "pause-" + UUID.randomUUID().toString().substring(0, 8) + "/app";

    @Override
    public Map<String, String> getProperties() {
        // one deletion every half second: slow enough to pause between two
        return RetentionPlans.pruningTheTestRegistry(2);
    }

    @Test
    void aPausedPlanDeletesNothingUntilResumedAndThenFinishesWhereItStopped() throws Exception {
        List<String> digests = RetentionPlans.pushOldImages(repository, IMAGES);
        // the broker holds what earlier tests announced too: the plan deletes theirs (gone already) with these
        String[] planned = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            planned[0] = "/api/v1/retention/plans/" + call("POST", "/api/v1/retention/plans").path("id").asText();
            return mine(planned[0]).equals("{\"PENDING\":" + IMAGES + "}");
        });
        String plan = planned[0];
        int total = call("GET", plan).path("toDelete").asInt();

        assertThat(call("POST", plan + "/apply").path("state").asText()).isEqualTo("APPLYING");
        assertThat(call("POST", plan + "/pause").path("state").asText()).isEqualTo("PAUSED");
        int deletedWhenPaused = deleted(plan);
        Thread.sleep(2_000);
        assertThat(deleted(plan)).as("deleted while paused: at most the deletion under way").isLessThanOrEqualTo(
                deletedWhenPaused + 1);
        int stoppedAt = deleted(plan);
        Thread.sleep(1_500);
        assertThat(deleted(plan)).as("nothing more once paused").isEqualTo(stoppedAt).isLessThan(total);
        assertThat(call("GET", plan).path("state").asText()).isEqualTo("PAUSED");
        assertThat(send("POST", plan + "/apply").statusCode()).as("applying a paused plan does not resume it")
                .isEqualTo(202);
        assertThat(call("GET", plan).path("state").asText()).isEqualTo("PAUSED");
        assertThat(send("POST", plan + "/pause").statusCode()).isEqualTo(409);

        assertThat(call("POST", plan + "/resume").path("state").asText()).isEqualTo("APPLYING");
        await().atMost(Duration.ofSeconds(60)).until(() -> call("GET", plan).path("state").asText().equals("APPLIED"));
        assertThat(mine(plan)).isEqualTo("{\"DELETED\":" + IMAGES + "}");
        assertThat(call("GET", plan + "/audit?limit=1000")).hasSize(total);
        for (String digest : digests) {
            assertThat(images.digestOf(repository, digest)).as("deleted %s", digest).isEmpty();
        }
        assertThat(send("POST", plan + "/resume").statusCode()).isEqualTo(409);
        String id = plan.substring(plan.lastIndexOf('/') + 1);
        try (EventStream events = EventStream.onTestBroker()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> events.events(EventTypes.RETENTION_RUN_FINISHED)
                    .stream().anyMatch(finished -> finished.planId().equals(id)));
            Thread.sleep(1_000);
            assertThat(events.events(EventTypes.RETENTION_RUN_FINISHED).stream()
                    .filter(finished -> finished.planId().equals(id))).hasSize(1);
        }
        assertThat(send("POST", "/api/v1/retention/plans/" + UUID.randomUUID() + "/pause").statusCode())
                .isEqualTo(404);
    }

    /** The states of this test's deletions in the plan, e.g. {"PENDING":8}. */
    private String mine(String plan) throws Exception {
        JsonNode groups = call("GET", plan + "/groups?action=DELETE&repository=" + repository);
        return groups.isEmpty() ? "{}" : groups.get(0).path("states").toString();
    }

    private int deleted(String plan) throws Exception {
        return call("GET", plan).path("deletions").path("DELETED").asInt();
    }

    private JsonNode call(String method, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return http.send(ApiTokens.request(URI.create(server.getURI() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}

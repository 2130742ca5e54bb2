package io.layerline.retention.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.localinfra.ChildProcess;
import io.layerline.localinfra.LocalPostgres;
import io.layerline.localinfra.Ports;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.OciImages;
import io.layerline.testing.Registries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service process is killed (SIGKILL) in the middle of applying a plan; started again, it finishes the plan:
 * every planned artifact is gone from the registry, none was deleted twice, and the audit trail has one row each.
 */
class ApplyResumesAfterCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IMAGES = 12;

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port = Ports.free();
    private final String repository = "crash-" + UUID.randomUUID().toString().substring(0, 8) + "/app";
    private final Map<String, String> environment = new HashMap<>();
    private ChildProcess service;

    @AfterEach
    void stopService() {
        if (service != null) {
            service.stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void aPlanInterruptedByAKilledProcessIsFinishedAfterRestartWithoutDoubleDeletes() throws Exception {
        String database = Infrastructure.newDatabase();
        environment.putAll(Map.of(
                "LAYERLINE_PORT", String.valueOf(port),
                "LAYERLINE_DATABASE_URL", database,
                "LAYERLINE_DATABASE_USER", LocalPostgres.USER,
                "LAYERLINE_KAFKA_BOOTSTRAP_SERVERS", Infrastructure.kafka().bootstrapServers(),
                "LAYERLINE_RETENTION_REGISTRY_TYPE", "oci",
                "LAYERLINE_REGISTRY_URL", Registries.registry().url().toString(),
                "LAYERLINE_RETENTION_DELETES_PER_SECOND", "3",
                "LAYERLINE_EVENTING_CONSUMER_GROUP", "crash-" + repository,
                "LAYERLINE_SECURITY_TOKENS", ApiTokens.configuration(),
                "LAYERLINE_RETENTION_RESUME_INTERVAL", "2s"));
        OciImages images = new OciImages(Registries.registry().url());
        List<String> digests = RetentionPlans.pushOldImages(repository, IMAGES);

        start("first");
        await().atMost(Duration.ofSeconds(60)).until(() -> plannedHere(call("POST", "/api/v1/retention/plans")) == IMAGES);
        String id = lastPlanId;
        call("POST", "/api/v1/retention/plans/" + id + "/apply");
        await().atMost(Duration.ofSeconds(60)).until(() -> deletedHere(id) >= 3);
        service.kill();
        int deletedBeforeCrash = (int) digests.stream().filter(digest -> images.digestOf(repository, digest).isEmpty())
                .count();
        assertThat(deletedBeforeCrash).isBetween(3, IMAGES - 1);

        start("second");
        await().atMost(Duration.ofSeconds(90))
                .until(() -> call("GET", "/api/v1/retention/plans/" + id).path("state").asText().equals("APPLIED"));

        assertThat(digests).allSatisfy(digest -> assertThat(images.digestOf(repository, digest)).isEmpty());
        List<JsonNode> audit = new ArrayList<>();
        call("GET", "/api/v1/retention/plans/" + id + "/audit?limit=1000").forEach(entry -> {
            if (entry.path("repository").asText().equals(repository)) {
                audit.add(entry);
            }
        });
        Map<String, Long> rowsPerDigest = audit.stream()
                .collect(Collectors.groupingBy(entry -> entry.path("digest").asText(), Collectors.counting()));
        assertThat(rowsPerDigest.keySet()).containsExactlyInAnyOrderElementsOf(digests);
        assertThat(rowsPerDigest.values()).allMatch(rows -> rows == 1);
        assertThat(audit).allMatch(entry -> entry.path("outcome").asText().equals("DELETED"));
        long alreadyGone = audit.stream().filter(entry -> entry.path("detail").asText().startsWith("already gone")).count();
        assertThat(alreadyGone).as("deleted before the crash but not yet recorded").isLessThanOrEqualTo(1);
    }

    private String lastPlanId;

    private long plannedHere(JsonNode plan) throws Exception {
        lastPlanId = plan.path("id").asText();
        JsonNode items = call("GET", "/api/v1/retention/plans/" + lastPlanId + "/items?action=DELETE&limit=1000");
        long count = 0;
        for (JsonNode item : items) {
            count += item.path("repository").asText().equals(repository) ? 1 : 0;
        }
        return count;
    }

    private long deletedHere(String id) throws Exception {
        long count = 0;
        for (JsonNode item : call("GET", "/api/v1/retention/plans/" + id + "/items?action=DELETE&limit=1000")) {
            count += item.path("repository").asText().equals(repository)
                    && item.path("state").asText().equals("DELETED") ? 1 : 0;
        }
        return count;
    }

    private void start(String run) {
        Path module = Path.of("").toAbsolutePath();
        service = ChildProcess.start("retention-service-" + run,
                List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-jar",
                        module.resolve("target/retention-service.jar").toString()),
                environment, module, Infrastructure.workDir().resolve("crash-" + run + ".log"));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (!service.isAlive()) {
                throw new AssertionError("the service exited:\n" + service.tail(30));
            }
            try {
                return send("GET", "/health").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private JsonNode call(String method, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return http.send(ApiTokens.request(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}

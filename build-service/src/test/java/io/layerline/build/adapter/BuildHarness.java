package io.layerline.build.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.build.application.BuildRecovery;
import io.layerline.build.application.port.Builds;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.v1.BuildFailed;
import io.layerline.contracts.v1.ImageBuilt;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.ContextArchives;
import io.layerline.testing.DockerEngines;
import io.layerline.testing.EventStream;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.Registries;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A running build-service with real builds: through the Docker Engine API (podman here), pushed to a real registry,
 * with a busybox base built from scratch first. The build tests extend it, each class one kind of behaviour.
 */
abstract class BuildHarness implements TestPropertyProvider {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path BUSYBOX = Path.of("/bin/busybox");

    @Inject
    EmbeddedServer server;

    @Inject
    Builds builds;

    @Inject
    BuildRecovery recovery;

    @Inject
    TransactionOperations<Connection> transactions;

    final HttpClient http = HttpClient.newHttpClient();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String registry = Registries.registry().host();
    String busyboxDigest;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.put("layerline.build.docker-host", DockerEngines.dockerHost());
        properties.put("layerline.build.registry.url", Registries.registry().url().toString());
        properties.put("layerline.build.git.allowed-hosts", "git.example.com,127.0.0.1");
        return properties;
    }

    @BeforeAll
    void buildABaseFromScratch() throws Exception {
        assertThat(BUSYBOX).as("a static busybox: apt-get install -y busybox-static").exists();
        JsonNode build = buildAndWait(repo("base/busybox"), "1", busyboxContext());
        assertThat(build.path("state").asText()).as(build.toString()).isEqualTo("pushed");
        busyboxDigest = build.path("digest").asText();
    }

    static Map<String, byte[]> busyboxContext() throws IOException {
        return Map.of("Dockerfile", """
                FROM scratch
                COPY busybox /bin/busybox
                USER 65534
                ENTRYPOINT ["/bin/busybox"]
                """.getBytes(StandardCharsets.UTF_8), "busybox", Files.readAllBytes(BUSYBOX));
    }

    static String git(Path directory, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    JsonNode buildAndWait(String repository, String tag, Map<String, byte[]> files) throws Exception {
        return buildAndWait(repository, tag, files, Map.of());
    }

    JsonNode buildAndWait(String repository, String tag, Map<String, byte[]> files,
                          Map<String, String> buildArgs) throws Exception {
        return buildAndWait(repository, tag, files, buildArgs, Map.of());
    }

    /** @param options more of the build request: {@code stageTags}, {@code squash} */
    JsonNode buildAndWait(String repository, String tag, Map<String, byte[]> files, Map<String, String> buildArgs,
                          Map<String, Object> options) throws Exception {
        HttpResponse<String> upload = post("/api/v1/contexts", "application/x-tar", ContextArchives.tar(files));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        String context = JSON.readTree(upload.body()).path("id").asText();
        Map<String, Object> request = new HashMap<>(options);
        request.putAll(Map.of("repository", repository, "tags", List.of(tag), "context", Map.of("id", context),
                "requestedBy", "alice", "buildArgs", buildArgs));
        HttpResponse<String> submitted = post("/api/v1/builds", "application/json", JSON.writeValueAsString(request));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = JSON.readTree(submitted.body()).path("id").asText();
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> JSON.readTree(get("/api/v1/builds/" + id)),
                        build -> List.of("pushed", "failed", "cancelled").contains(build.path("state").asText()));
    }

    String buildOf(String digest) throws Exception {
        for (JsonNode build : JSON.readTree(get("/api/v1/builds?repository=" + repo("base/busybox"))).path("items")) {
            if (digest.equals(build.path("digest").asText())) {
                return build.path("id").asText();
            }
        }
        throw new AssertionError("no build produced " + digest);
    }

    ImageBuilt imageBuilt(String repository, String digest) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> builtImages(repository).stream()
                .filter(built -> built.digest().equals(digest)).toList(), list -> !list.isEmpty()).get(0);
    }

    static List<ImageBuilt> builtImages(String repository) {
        try (EventStream events = EventStream.onTestBroker()) {
            return events.events(EventTypes.IMAGE_BUILT).stream()
                    .filter(built -> built.repository().equals(repository)).toList();
        }
    }

    static List<BuildFailed> failures(String repository) {
        try (EventStream events = EventStream.onTestBroker()) {
            return events.events(EventTypes.BUILD_FAILED).stream()
                    .filter(failed -> failed.repository().equals(repository)).toList();
        }
    }

    String repo(String name) {
        return run + "/" + name;
    }

    JsonNode registryJson(String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(Registries.registry().url() + path))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json,"
                        + "application/vnd.docker.distribution.manifest.v2+json").build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    HttpResponse<String> post(String path, String contentType, Object body) throws Exception {
        HttpRequest.BodyPublisher publisher = body instanceof byte[] bytes
                ? HttpRequest.BodyPublishers.ofByteArray(bytes) : HttpRequest.BodyPublishers.ofString((String) body);
        return http.send(ApiTokens.request(URI.create(server.getURI() + path)).header("Content-Type", contentType)
                .POST(publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    String get(String path) throws Exception {
        return http.send(ApiTokens.request(URI.create(server.getURI() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}

package io.layerline.build.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.build.application.BuildRecord;
import io.layerline.build.application.Builds;
import io.layerline.build.application.BuildRecovery;
import io.layerline.build.domain.build.BuildDefinition;
import io.layerline.build.domain.build.BuildState;
import io.layerline.build.domain.build.ContextSource;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.v1.BuildFailed;
import io.layerline.contracts.v1.ImageBuilt;
import io.layerline.contracts.v1.RebuildRequested;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.DockerEngines;
import io.layerline.testing.EventStream;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.OciImages;
import io.layerline.testing.Registries;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real builds through the Docker Engine API (podman here), pushed to a real registry, announced as
 * {@code ImageBuilt} with what the registry holds; multi-stage, failing and cascade-requested builds.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildIT implements TestPropertyProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    @Inject
    EmbeddedServer server;

    @Inject
    Builds builds;

    @Inject
    BuildRecovery recovery;

    @Inject
    TransactionOperations<Connection> transactions;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String registry = Registries.registry().host();
    private String busyboxDigest;

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

    private static Map<String, byte[]> busyboxContext() throws IOException {
        return Map.of("Dockerfile", """
                FROM scratch
                COPY busybox /bin/busybox
                USER 65534
                ENTRYPOINT ["/bin/busybox"]
                """.getBytes(StandardCharsets.UTF_8), "busybox", Files.readAllBytes(BUSYBOX));
    }

    @Test
    void anImageBuiltFromScratchIsAnnouncedAsTheRegistryHoldsIt() throws Exception {
        ImageBuilt built = imageBuilt(repo("base/busybox"), busyboxDigest);

        assertThat(new OciImages(Registries.registry().url()).digestOf(repo("base/busybox"), busyboxDigest))
                .contains(busyboxDigest);
        JsonNode manifest = registryJson("/v2/" + repo("base/busybox") + "/manifests/" + busyboxDigest);
        assertThat(built.layers()).extracting(ImageBuilt.Layer::digest)
                .containsExactly(manifest.path("layers").get(0).path("digest").asText());
        assertThat(built.layers().get(0).createdBy()).contains("COPY");
        assertThat(built.size()).isGreaterThan(Files.size(BUSYBOX) / 2);
        assertThat(built.baseImages()).containsExactly(new ImageBuilt.BaseImage(0, null, "scratch", null, true));
        assertThat(built.tags()).containsExactly("1");
        assertThat(built.efficiency()).isEqualTo(new ImageBuilt.Efficiency(Files.size(BUSYBOX), 0));
        JsonNode labels = registryJson("/v2/" + repo("base/busybox") + "/blobs/"
                + manifest.path("config").path("digest").asText()).path("config").path("Labels");
        assertThat(labels.path("org.opencontainers.image.created").asText()).isNotBlank();
        assertThat(labels.has("org.opencontainers.image.base.digest")).isFalse();
        assertThat(get("/api/v1/builds/" + buildOf(busyboxDigest) + "/log")).contains("COPY busybox /bin/busybox");
    }

    @Test
    void aMultiStageBuildDropsTheBuilderStageAndRecordsBothStages() throws Exception {
        String base = registry + "/" + repo("base/busybox") + ":1";
        JsonNode build = buildAndWait(repo("apps/hello"), "1.0", Map.of("Dockerfile", ("""
                FROM %s AS build
                USER 0
                RUN ["/bin/busybox", "sh", "-c", "echo hello > /hello.txt"]
                FROM scratch
                COPY --from=build /hello.txt /hello.txt
                USER 65534
                ENTRYPOINT ["/hello.txt"]
                """).formatted(base).getBytes(StandardCharsets.UTF_8)));
        assertThat(build.path("state").asText()).as(build.toString()).isEqualTo("pushed");

        ImageBuilt built = imageBuilt(repo("apps/hello"), build.path("digest").asText());
        assertThat(built.baseImages()).containsExactly(
                new ImageBuilt.BaseImage(0, "build", base, busyboxDigest, false),
                new ImageBuilt.BaseImage(1, null, "scratch", null, true));
        assertThat(built.layers()).hasSize(1);
        assertThat(built.size()).isLessThan(Files.size(BUSYBOX) / 4);
        JsonNode detail = JSON.readTree(get("/api/v1/builds/" + build.path("id").asText()));
        assertThat(detail.path("analysis").path("stages").size()).isEqualTo(2);
        assertThat(detail.path("analysis").path("finalBase").asText()).isEqualTo("scratch");
    }

    @Test
    void filesDeletedInALaterLayerAreReportedAsWastedFromTheRegistryBlobs() throws Exception {
        byte[] payload = new byte[300_000];
        new java.util.Random(7).nextBytes(payload);
        String base = registry + "/" + repo("base/busybox") + ":1";
        JsonNode build = buildAndWait(repo("apps/wasteful"), "1", Map.of("Dockerfile", ("""
                FROM %s
                USER 0
                COPY payload.bin /tmp/payload.bin
                RUN ["/bin/busybox", "rm", "/tmp/payload.bin"]
                USER 65534
                """).formatted(base).getBytes(StandardCharsets.UTF_8), "payload.bin", payload));
        assertThat(build.path("state").asText()).as(build.toString()).isEqualTo("pushed");
        String digest = build.path("digest").asText();

        JsonNode report = JSON.readTree(get("/api/v1/efficiency?registry=" + registry + "&repository="
                + repo("apps/wasteful") + "&digest=" + digest));

        assertThat(report.path("wastedBytes").asLong()).isEqualTo(payload.length);
        assertThat(report.path("largestWaste").get(0).path("path").asText()).isEqualTo("tmp/payload.bin");
        assertThat(report.path("layers").size()).isEqualTo(3);
        assertThat(report.path("efficiency").asDouble()).isLessThan(0.9);
        assertThat(imageBuilt(repo("apps/wasteful"), digest).efficiency().wastedBytes()).isEqualTo(payload.length);
        JsonNode detail = JSON.readTree(get("/api/v1/builds/" + build.path("id").asText()));
        assertThat(detail.path("analysis").path("findings").findValuesAsText("rule")).contains("LL007");
        assertThat(http.send(ApiTokens.request(URI.create(server.getURI() + "/api/v1/efficiency?registry="
                + registry + "&digest=latest")).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aDependencyCacheMountSurvivesFromOneBuildToTheNext() throws Exception {
        String base = registry + "/" + repo("base/busybox") + ":1";
        Map<String, byte[]> context = Map.of("Dockerfile", ("""
                FROM %s
                USER 0
                ARG RUN_ID
                RUN --mount=type=cache,id=deps-%s,target=/cache ["/bin/busybox", "sh", "-c", \
                    "W=warm; C=cold; echo run $RUN_ID; if [ -f /cache/seen ]; then echo cache-$W; else echo cache-$C; touch /cache/seen; fi"]
                USER 65534
                """).formatted(base, run).getBytes(StandardCharsets.UTF_8));

        JsonNode first = buildAndWait(repo("apps/cached"), "1", context, Map.of("RUN_ID", "1"));
        JsonNode second = buildAndWait(repo("apps/cached"), "2", context, Map.of("RUN_ID", "2"));

        assertThat(get("/api/v1/builds/" + first.path("id").asText() + "/log")).contains("cache-cold")
                .doesNotContain("cache-warm");
        assertThat(get("/api/v1/builds/" + second.path("id").asText() + "/log")).contains("cache-warm");
    }

    @Test
    void aRunningBuildIsCancelledAndAnnouncedAsFailed() throws Exception {
        String base = registry + "/" + repo("base/busybox") + ":1";
        HttpResponse<String> upload = post("/api/v1/contexts", "application/x-tar", tar(Map.of("Dockerfile",
                ("FROM %s\nRUN [\"/bin/busybox\", \"sleep\", \"120\"]\n").formatted(base)
                        .getBytes(StandardCharsets.UTF_8))));
        String id = JSON.readTree(post("/api/v1/builds", "application/json", JSON.writeValueAsString(Map.of(
                "repository", repo("apps/slow"), "tags", List.of("1"), "context",
                Map.of("id", JSON.readTree(upload.body()).path("id").asText())))).body()).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/builds/" + id + "/log").contains("sleep"));

        assertThat(post("/api/v1/builds/" + id + "/cancel", "application/json", "").statusCode()).isEqualTo(202);

        JsonNode build = JSON.readTree(get("/api/v1/builds/" + id));
        assertThat(build.path("state").asText()).isEqualTo("cancelled");
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> failures(repo("apps/slow")),
                list -> !list.isEmpty()).get(0).reason()).isEqualTo("cancelled");
        assertThat(post("/api/v1/builds/" + id + "/cancel", "application/json", "").statusCode()).isEqualTo(409);
    }

    @Test
    void aBuildThatDiedWithTheServiceIsMarkedFailedAtStart() throws Exception {
        UUID id = UUID.randomUUID();
        BuildDefinition definition = new BuildDefinition(registry, repo("apps/orphan"),
                new ContextSource.Uploaded("sha256:gone"), "Dockerfile", null, Map.of(), Map.of(), List.of("1"));
        transactions.executeWrite(status -> {
            builds.create(List.of(new BuildRecord(id, definition, BuildState.QUEUED, null, "alice", null, null,
                    Instant.now(), null, null, null, null)));
            builds.transition(id, BuildState.QUEUED, BuildState.RUNNING, null, Instant.now());
            return null;
        });

        recovery.onApplicationEvent(null);

        JsonNode build = JSON.readTree(get("/api/v1/builds/" + id));
        assertThat(build.path("state").asText()).isEqualTo("failed");
        assertThat(build.path("reason").asText()).contains("stopped during the build");
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> failures(repo("apps/orphan")),
                list -> !list.isEmpty())).hasSize(1);
    }

    @Test
    void aReproducibilityCheckRebuildsTheDefinitionAndComparesTheLayers() throws Exception {
        JsonNode original = buildAndWait(repo("base/repro"), "1", busyboxContext());
        HttpResponse<String> queued = post("/api/v1/builds/" + original.path("id").asText() + "/reproduce",
                "application/json", "");
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        String id = JSON.readTree(queued.body()).path("id").asText();

        JsonNode rebuilt = await().atMost(Duration.ofSeconds(120)).until(() -> JSON.readTree(get("/api/v1/builds/"
                + id)), build -> build.path("state").asText().equals("pushed"));

        JsonNode report = rebuilt.path("reproducibility");
        assertThat(report.path("original").asText()).isEqualTo(original.path("id").asText());
        assertThat(report.path("layersCompared").asInt()).isEqualTo(1);
        assertThat(report.path("differingLayers").size()).isZero();
        assertThat(report.path("identical").asBoolean())
                .isEqualTo(original.path("digest").asText().equals(rebuilt.path("digest").asText()));
        assertThat(post("/api/v1/builds/" + UUID.randomUUID() + "/reproduce", "application/json", "").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aGitContextIsClonedAtItsBranchAndTheCommitRecorded() throws Exception {
        Path work = Files.createTempDirectory("layerline-git-");
        Path source = work.resolve("source");
        Files.createDirectories(source);
        Files.writeString(source.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nUSER 65534\n");
        Files.copy(BUSYBOX, source.resolve("busybox"));
        git(source, "init", "-q", "-b", "main");
        git(source, "-c", "user.name=ci", "-c", "user.email=ci@example.com", "add", ".");
        git(source, "-c", "user.name=ci", "-c", "user.email=ci@example.com", "commit", "-q", "-m", "first");
        String commit = git(source, "rev-parse", "HEAD").strip();
        git(work, "clone", "-q", "--bare", source.toString(), work.resolve("app.git").toString());
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process daemon = new ProcessBuilder("git", "daemon", "--export-all", "--reuseaddr", "--listen=127.0.0.1",
                "--port=" + port, "--base-path=" + work, work.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("daemon.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
            String url = "git://127.0.0.1:" + port + "/app.git";
            HttpResponse<String> submitted = post("/api/v1/builds", "application/json", JSON.writeValueAsString(
                    Map.of("repository", repo("apps/from-git"), "tags", List.of("main"),
                            "context", Map.of("git", Map.of("url", url, "ref", "main")))));
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
            String id = JSON.readTree(submitted.body()).path("id").asText();
            JsonNode build = await().atMost(Duration.ofSeconds(120)).until(() -> JSON.readTree(get("/api/v1/builds/"
                    + id)), found -> List.of("pushed", "failed").contains(found.path("state").asText()));
            assertThat(build.path("state").asText()).as(build.toString()).isEqualTo("pushed");

            ImageBuilt built = imageBuilt(repo("apps/from-git"), build.path("digest").asText());
            assertThat(built.provenance().commit()).isEqualTo(commit);
            assertThat(built.provenance().branch()).isEqualTo("main");
            assertThat(built.provenance().sourceRepository()).isEqualTo(url);
        } finally {
            daemon.destroy();
        }
    }

    private static String git(Path directory, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    @Test
    void aFailingBuildEndsFailedWithTheReasonAndIsAnnounced() throws Exception {
        String base = registry + "/" + repo("base/busybox") + ":1";
        JsonNode build = buildAndWait(repo("apps/broken"), "1", Map.of("Dockerfile", ("FROM %s\n"
                + "RUN [\"/bin/busybox\", \"false\"]\n").formatted(base).getBytes(StandardCharsets.UTF_8)));

        assertThat(build.path("state").asText()).isEqualTo("failed");
        assertThat(build.path("reason").asText()).contains("the build failed");
        BuildFailed failed = await().atMost(Duration.ofSeconds(30)).until(() -> failures(repo("apps/broken")),
                list -> !list.isEmpty()).get(0);
        assertThat(failed.buildId()).isEqualTo(build.path("id").asText());
        assertThat(post("/api/v1/builds/" + build.path("id").asText() + "/cancel", "application/json", "")
                .statusCode()).isEqualTo(409);
        assertThat(post("/api/v1/builds/" + build.path("id").asText() + "/reproduce", "application/json", "")
                .statusCode()).isEqualTo(409);
        String events = get("/api/v1/builds/" + build.path("id").asText() + "/events");
        assertThat(events).contains("event: state\ndata: failed");
    }

    @Test
    void aRebuildRequestedByTheCatalogRebuildsTheStoredDefinition() throws Exception {
        JsonNode first = buildAndWait(repo("base/again"), "1", busyboxContext());
        try (EventStream events = EventStream.onTestBroker()) {
            events.publish(new RebuildRequested("cascade-" + run, 1, registry, repo("base/again"),
                    first.path("digest").asText(), "scratch", null, "sha256:" + "0".repeat(64), "test",
                    Instant.now()));
            events.publish(new RebuildRequested("cascade-" + run, 1, registry, repo("apps/elsewhere"), null,
                    "scratch", null, "sha256:" + "0".repeat(64), "test", Instant.now()));
        }

        ImageBuilt rebuilt = await().atMost(Duration.ofSeconds(60)).until(() -> builtImages(repo("base/again")),
                list -> list.size() >= 2).get(1);
        assertThat(rebuilt.provenance().author()).isEqualTo("cascade cascade-" + run);
        BuildFailed failed = await().atMost(Duration.ofSeconds(30)).until(() -> failures(repo("apps/elsewhere")),
                list -> !list.isEmpty()).get(0);
        assertThat(failed.cascadeId()).isEqualTo("cascade-" + run);
        assertThat(failed.reason()).contains("no build definition");
        JsonNode stored = JSON.readTree(get("/api/v1/builds/" + failed.buildId()));
        assertThat(stored.path("state").asText()).isEqualTo("failed");
        assertThat(stored.path("reason").asText()).isEqualTo(failed.reason());
        assertThat(stored.path("requestedBy").asText()).isEqualTo("cascade cascade-" + run);
        assertThat(stored.path("finishedAt").asText()).isNotEmpty();
    }

    @Test
    void badBuildRequestsAreRefusedFieldByField() throws Exception {
        HttpResponse<String> empty = post("/api/v1/builds", "application/json", "{\"repository\":\"Bad Name\"}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(empty.body()).path("errors").findValuesAsText("field"))
                .contains("repository", "context", "tags");
        HttpResponse<String> file = post("/api/v1/builds", "application/json", """
                {"repository":"a/b","tags":["1"],"context":{"git":{"url":"file:///etc"}}}""");
        assertThat(JSON.readTree(file.body()).path("errors").findValuesAsText("field")).contains("context.git.url");
        HttpResponse<String> host = post("/api/v1/builds", "application/json", """
                {"repository":"a/b","tags":["1"],"context":{"git":{"url":"https://evil.example.com/x.git"}}}""");
        assertThat(host.body()).contains("not allowed");
        assertThat(post("/api/v1/builds", "application/json", """
                {"repository":"a/b","tags":["1"],"context":{"id":"sha256:nope"}}""").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/builds", "application/json", "{\"tags\": 3").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/builds", "text/plain", "{}").statusCode()).isEqualTo(415);
        assertThat(http.send(ApiTokens.request(URI.create(server.getURI() + "/api/v1/builds/"
                + UUID.randomUUID())).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    private JsonNode buildAndWait(String repository, String tag, Map<String, byte[]> files) throws Exception {
        return buildAndWait(repository, tag, files, Map.of());
    }

    private JsonNode buildAndWait(String repository, String tag, Map<String, byte[]> files,
                                  Map<String, String> buildArgs) throws Exception {
        HttpResponse<String> upload = post("/api/v1/contexts", "application/x-tar", tar(files));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        String context = JSON.readTree(upload.body()).path("id").asText();
        HttpResponse<String> submitted = post("/api/v1/builds", "application/json", JSON.writeValueAsString(Map.of(
                "repository", repository, "tags", List.of(tag), "context", Map.of("id", context),
                "requestedBy", "alice", "buildArgs", buildArgs)));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = JSON.readTree(submitted.body()).path("id").asText();
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> JSON.readTree(get("/api/v1/builds/" + id)),
                        build -> List.of("pushed", "failed", "cancelled").contains(build.path("state").asText()));
    }

    private String buildOf(String digest) throws Exception {
        for (JsonNode build : JSON.readTree(get("/api/v1/builds?repository=" + repo("base/busybox"))).path("items")) {
            if (digest.equals(build.path("digest").asText())) {
                return build.path("id").asText();
            }
        }
        throw new AssertionError("no build produced " + digest);
    }

    private ImageBuilt imageBuilt(String repository, String digest) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> builtImages(repository).stream()
                .filter(built -> built.digest().equals(digest)).toList(), list -> !list.isEmpty()).get(0);
    }

    private static List<ImageBuilt> builtImages(String repository) {
        try (EventStream events = EventStream.onTestBroker()) {
            return events.events(EventTypes.IMAGE_BUILT).stream()
                    .filter(built -> built.repository().equals(repository)).toList();
        }
    }

    private static List<BuildFailed> failures(String repository) {
        try (EventStream events = EventStream.onTestBroker()) {
            return events.events(EventTypes.BUILD_FAILED).stream()
                    .filter(failed -> failed.repository().equals(repository)).toList();
        }
    }

    private String repo(String name) {
        return run + "/" + name;
    }

    private JsonNode registryJson(String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(Registries.registry().url() + path))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json,"
                        + "application/vnd.docker.distribution.manifest.v2+json").build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream archive = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setMode(0755);
                archive.putArchiveEntry(entry);
                archive.write(file.getValue());
                archive.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private HttpResponse<String> post(String path, String contentType, Object body) throws Exception {
        HttpRequest.BodyPublisher publisher = body instanceof byte[] bytes ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                : HttpRequest.BodyPublishers.ofString((String) body);
        return http.send(ApiTokens.request(URI.create(server.getURI() + path)).header("Content-Type", contentType)
                .POST(publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        return http.send(ApiTokens.request(URI.create(server.getURI() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}

package io.layerline.build.adapter;


import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.contracts.v1.ImageBuilt;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.OciImages;
import io.layerline.testing.Registries;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a build produces: images built from scratch, multi-stage and from git, pushed to a real registry and
 * announced as {@code ImageBuilt} with what the registry holds, their wasted bytes and their cache mounts.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageBuildsIT extends BuildHarness {

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
    void aNamedStageIsPushedAsAnImageOfItsOwnAnnouncedWithItsBases() throws Exception {
        String base = registry + "/" + repo("base/busybox") + ":1";
        String builder = repo("apps/greeter-builder");
        Map<String, byte[]> context = Map.of("Dockerfile", ("""
                FROM %s AS build
                USER 0
                RUN ["/bin/busybox", "sh", "-c", "echo hello > /hello.txt"]
                FROM scratch
                COPY --from=build /hello.txt /hello.txt
                """).formatted(base).getBytes(StandardCharsets.UTF_8));
        JsonNode build = buildAndWait(repo("apps/greeter"), "1.0", context, Map.of(),
                Map.of("stageTags", Map.of("build", List.of(builder + ":1", builder + ":latest"))));
        assertThat(build.path("state").asText()).as(build.toString()).isEqualTo("pushed");

        JsonNode tags = registryJson("/v2/" + builder + "/tags/list").path("tags");
        assertThat(tags).extracting(JsonNode::asText).containsExactlyInAnyOrder("1", "latest");
        ImageBuilt stage = await().atMost(Duration.ofSeconds(30)).until(() -> builtImages(builder),
                list -> !list.isEmpty()).get(0);
        assertThat(stage.tags()).containsExactly("1", "latest");
        assertThat(stage.baseImages()).as("the stage's own base, as its final")
                .containsExactly(new ImageBuilt.BaseImage(0, "build", base, busyboxDigest, true));
        assertThat(stage.layers()).as("busybox's layer and the RUN's").hasSize(2);
        assertThat(new OciImages(Registries.registry().url()).digestOf(builder, "1")).contains(stage.digest());
        ImageBuilt image = imageBuilt(repo("apps/greeter"), build.path("digest").asText());
        assertThat(image.layers()).hasSize(1);
        assertThat(get("/api/v1/builds/" + build.path("id").asText() + "/log"))
                .contains("pushed stage build as " + registry + "/" + builder + "@" + stage.digest());

        JsonNode unknownStage = buildAndWait(repo("apps/greeter"), "1.1", context, Map.of(),
                Map.of("stageTags", Map.of("nope", List.of(builder + ":2"))));
        assertThat(unknownStage.path("state").asText()).isEqualTo("failed");
        assertThat(unknownStage.path("reason").asText()).isEqualTo("the Dockerfile has no stage nope to push");
        assertThat(registryJson("/v2/" + builder + "/tags/list").path("tags").toString()).doesNotContain("\"2\"");
        HttpResponse<String> refused = post("/api/v1/builds", "application/json", JSON.writeValueAsString(Map.of(
                "repository", repo("apps/greeter"), "tags", List.of("1.2"), "context", Map.of("id", "x"),
                "stageTags", Map.of("build", List.of("Not A Reference")))));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("stageTags.build");
    }

    @Test
    void anImageSquashedOntoItsBaseKeepsTheBasesLayersAndAddsOneWithTheSameFilesInFewerBytes() throws Exception {
        byte[] payload = new byte[200_000];
        new java.util.Random(11).nextBytes(payload);
        String base = registry + "/" + repo("base/busybox") + ":1";
        String dockerfile = """
                FROM %s
                USER 0
                COPY payload.bin /app/payload.bin
                RUN ["/bin/busybox", "sh", "-c", "mkdir /app/conf && echo one > /app/conf/a && ln -s a /app/conf/now"]
                COPY app.conf /app/conf/a
                RUN ["/bin/busybox", "sh", "-c", "rm /app/payload.bin /app/conf/now && echo two > /app/conf/b"]
                USER 65534
                """.formatted(base);
        Map<String, byte[]> context = Map.of("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8),
                "payload.bin", payload, "app.conf", "port=8080\n".getBytes(StandardCharsets.UTF_8));
        String repository = repo("apps/layered");

        JsonNode plain = buildAndWait(repository, "plain", context);
        JsonNode squashed = buildAndWait(repository, "squashed", context, Map.of(), Map.of("squash", "onto-base"));

        assertThat(plain.path("state").asText()).as(plain.toString()).isEqualTo("pushed");
        assertThat(squashed.path("state").asText()).as(squashed.toString()).isEqualTo("pushed");
        JsonNode baseManifest = registryJson("/v2/" + repo("base/busybox") + "/manifests/" + busyboxDigest);
        JsonNode plainManifest = registryJson("/v2/" + repository + "/manifests/plain");
        JsonNode squashedManifest = registryJson("/v2/" + repository + "/manifests/squashed");
        assertThat(plainManifest.path("layers").size()).as("busybox's and four more").isEqualTo(5);
        assertThat(squashedManifest.path("layers").size()).as("busybox's and exactly one more").isEqualTo(2);
        assertThat(squashedManifest.path("layers").get(0).path("digest").asText()).as("the base's layer, untouched")
                .isEqualTo(baseManifest.path("layers").get(0).path("digest").asText());
        assertThat(files(repository, squashedManifest)).as("the same files")
                .isEqualTo(files(repository, plainManifest))
                .containsEntry("app/conf/a", OciImages.sha256("port=8080\n".getBytes(StandardCharsets.UTF_8)))
                .containsKey("app/conf/b").doesNotContainKeys("app/payload.bin", "app/conf/now");
        assertThat(layerBytes(squashedManifest)).as("the payload no longer ships")
                .isLessThan(layerBytes(plainManifest) - payload.length / 2);

        JsonNode record = JSON.readTree(get("/api/v1/builds/" + squashed.path("id").asText()));
        assertThat(record.path("squash").asText()).isEqualTo("onto-base");
        JsonNode outcome = record.path("squashed");
        assertThat(outcome.path("baseLayers").asInt()).isEqualTo(1);
        assertThat(outcome.path("layersMerged").asInt()).isEqualTo(4);
        assertThat(outcome.path("dockerfile").asText()).isEqualTo(dockerfile);
        assertThat(outcome.path("history").findValuesAsText("createdBy"))
                .anyMatch(step -> step.contains("payload.bin"));
        assertThat(outcome.path("before").path("wastedBytes").asLong()).isGreaterThanOrEqualTo(payload.length);
        assertThat(outcome.path("after").path("wastedBytes").asLong()).isZero();
        assertThat(outcome.path("after").path("imageBytes").asLong())
                .isLessThan(outcome.path("before").path("imageBytes").asLong());
        JsonNode annotations = squashedManifest.path("annotations");
        assertThat(annotations.path("dev.layerline.squash.dockerfile").asText()).isEqualTo(dockerfile);
        assertThat(annotations.path("dev.layerline.squash.history").asText()).contains("COPY", "payload.bin");
        assertThat(annotations.path("org.opencontainers.image.base.digest").asText()).isEqualTo(busyboxDigest);
        JsonNode config = registryJson("/v2/" + repository + "/blobs/"
                + squashedManifest.path("config").path("digest").asText());
        assertThat(config.path("rootfs").path("diff_ids").size()).isEqualTo(2);
        JsonNode baseConfig = registryJson("/v2/" + repo("base/busybox") + "/blobs/"
                + baseManifest.path("config").path("digest").asText());
        List<String> baseSteps = baseConfig.path("history").findValuesAsText("created_by");
        List<String> steps = config.path("history").findValuesAsText("created_by");
        assertThat(steps).as("the base's steps, its ENTRYPOINT included, then the squash's")
                .hasSize(baseSteps.size() + 1).startsWith(baseSteps.toArray(String[]::new))
                .anyMatch(step -> step.contains("ENTRYPOINT"));
        assertThat(steps.get(steps.size() - 1)).startsWith("layerline squash onto the base: 4 layers");
        assertThat(config.path("config").path("User").asText()).isEqualTo("65534");
        assertThat(config.path("config").path("Labels").has("dev.layerline.build")).isFalse();
        assertThat(registryStatus("/v2/" + repository + "/manifests/" + outcome.path("unsquashed").asText()))
                .as("the image as built is deleted").isEqualTo(404);
        assertThat(registryJson("/v2/" + repository + "/tags/list").path("tags")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("plain", "squashed");
        assertThat(imageBuilt(repository, squashed.path("digest").asText()).layers()).hasSize(2);
        String log = get("/api/v1/builds/" + squashed.path("id").asText() + "/log");
        assertThat(log).contains("squash: 4 layers merged into one above the base's 1");
        System.out.printf("squash measured: %s; layers %d bytes as built, %d squashed%n", log.lines()
                .filter(line -> line.startsWith("squash: 4")).findFirst().orElseThrow(), layerBytes(plainManifest),
                layerBytes(squashedManifest));
        HttpResponse<String> refused = post("/api/v1/builds", "application/json", JSON.writeValueAsString(Map.of(
                "repository", repository, "tags", List.of("x"), "context", Map.of("id", "x"), "squash", "all")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"squash\"", "is 'onto-base' or 'none'");
    }

    /** Each regular file's content digest, each link's target, each directory, once the layers are applied. */
    private Map<String, String> files(String repository, JsonNode manifest) throws Exception {
        java.util.TreeMap<String, String> files = new java.util.TreeMap<>();
        for (JsonNode layer : manifest.path("layers")) {
            byte[] blob = http.send(java.net.http.HttpRequest.newBuilder(URI.create(Registries.registry().url()
                    + "/v2/" + repository + "/blobs/" + layer.path("digest").asText())).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            List<String[]> added = new java.util.ArrayList<>();
            try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                    new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(blob)))) {
                for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    String path = entry.getName().replaceFirst("^\\./", "").replaceFirst("/$", "");
                    String name = path.substring(path.lastIndexOf('/') + 1);
                    String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
                    if (name.equals(".wh..wh..opq")) {
                        files.subMap(parent + "/", parent + "0").clear();
                    } else if (name.startsWith(".wh.")) {
                        String removed = (parent.isEmpty() ? "" : parent + "/") + name.substring(4);
                        files.remove(removed);
                        files.subMap(removed + "/", removed + "0").clear();
                    } else {
                        added.add(new String[] {path, entry.isDirectory() ? "directory"
                                : entry.isSymbolicLink() || entry.isLink() ? "link to " + entry.getLinkName()
                                : OciImages.sha256(tar.readAllBytes())});
                    }
                }
            }
            added.forEach(entry -> files.put(entry[0], entry[1]));
        }
        return files;
    }

    private static long layerBytes(JsonNode manifest) {
        long bytes = 0;
        for (JsonNode layer : manifest.path("layers")) {
            bytes += layer.path("size").asLong();
        }
        return bytes;
    }

    private int registryStatus(String path) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(URI.create(Registries.registry().url() + path))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json,"
                        + "application/vnd.docker.distribution.manifest.v2+json")
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
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
}

package io.layerline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A short day in the life of the suite, through its public APIs: a base image and an application built, a build
 * that fails, a Dockerfile analysed, an unauthorised CI call, the application deployed through the environments,
 * a retention plan made and applied, the catalog queried, and the base rebuilt so a cascade rebuilds the
 * application.
 */
final class Scenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private final Suite suite;
    private final HttpClient http = HttpClient.newHttpClient();

    Scenario(Suite suite) {
        this.suite = suite;
    }

    void run() throws Exception {
        assertThat(BUSYBOX).as("a static busybox: apt-get install -y busybox-static").exists();
        byte[] busybox = Files.readAllBytes(BUSYBOX);
        String baseContext = upload(Map.of("Dockerfile", """
                FROM scratch
                COPY busybox /bin/busybox
                USER 65534
                ENTRYPOINT ["/bin/busybox"]
                """.getBytes(StandardCharsets.UTF_8), "busybox", busybox));
        JsonNode base = build("demo/base/busybox", "1", baseContext);
        String baseRef = suite.registry() + "/demo/base/busybox:1";
        JsonNode app = build("demo/apps/shop", "1.0", upload(Map.of("Dockerfile", ("""
                FROM %s
                USER 0
                COPY hello.txt /srv/hello.txt
                USER 65534
                ENTRYPOINT ["/bin/busybox", "cat", "/srv/hello.txt"]
                """).formatted(baseRef).getBytes(StandardCharsets.UTF_8),
                "hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(app.path("state").asText()).as(app.toString()).isEqualTo("pushed");
        build("demo/apps/broken", "1", upload(Map.of("Dockerfile", ("FROM %s\nRUN [\"/bin/busybox\", \"false\"]\n")
                .formatted(baseRef).getBytes(StandardCharsets.UTF_8))));
        send("build", "/api/v1/dockerfiles/analyze", "text/plain", "FROM node\nRUN npm ci\nRUN npm run build\n");
        send("build", "/api/v1/events", "application/json", "{}");

        String digest = app.path("digest").asText();
        for (String environment : List.of("dev", "test", "prod_test", "prod")) {
            deploy(environment, digest, "SUCCEEDED");
        }
        deploy("prod", digest, "FAILED");

        JsonNode plan = await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(send("retention",
                "/api/v1/retention/plans", "application/json", "{}").body()), made -> made.path("kept").asInt()
                + made.path("toDelete").asInt() >= 2);
        send("retention", "/api/v1/retention/plans/" + plan.path("id").asText() + "/apply", "application/json", "");

        await().atMost(Duration.ofSeconds(60)).until(() -> get("catalog",
                "/api/v1/repositories?q=demo").contains("demo/apps/shop"));
        get("catalog", "/api/v1/graph/impact?registry=" + suite.registry() + "&repository=demo/base/busybox");
        get("catalog", "/api/v1/governance/violations");

        JsonNode rebuilt = build("demo/base/busybox", "1", baseContext);
        assertThat(rebuilt.path("digest").asText()).isNotEqualTo(base.path("digest").asText());
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            JsonNode cascades = JSON.readTree(get("catalog", "/api/v1/cascades"));
            return cascades.path("items").size() > 0 && cascades.path("items").get(0).path("status").asText()
                    .equals("finished");
        });
    }

    private void deploy(String environment, String digest, String status) throws Exception {
        HttpResponse<String> response = send("promotion", "/api/v1/deployments", "application/json",
                JSON.writeValueAsString(Map.of("deploymentId", "demo-" + UUID.randomUUID(), "service", "shop",
                        "environment", environment, "image", Map.of("registry", suite.registry(),
                                "repository", "demo/apps/shop", "digest", digest, "tag", "1.0"),
                        "status", status, "deployer", "demo", "target", "local",
                        "finishedAt", Instant.now().toString())));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private JsonNode build(String repository, String tag, String context) throws Exception {
        HttpResponse<String> submitted = send("build", "/api/v1/builds", "application/json", JSON.writeValueAsString(
                Map.of("repository", repository, "tags", List.of(tag), "context", Map.of("id", context),
                        "requestedBy", "demo")));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = JSON.readTree(submitted.body()).path("id").asText();
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(
                () -> JSON.readTree(get("build", "/api/v1/builds/" + id)),
                build -> List.of("pushed", "failed", "cancelled").contains(build.path("state").asText()));
    }

    private String upload(Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setMode(0755);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(suite.url("build", "/api/v1/contexts"))
                .header("Content-Type", "application/x-tar")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asText();
    }

    private HttpResponse<String> send(String service, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(suite.url(service, path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String service, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(suite.url(service, path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

}

package io.layerline.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A short day in the life of the suite, through its public APIs: a base image and an application built, a build
 * that fails, a Dockerfile analysed, an unauthorised CI call, the application deployed through the environments,
 * a retention plan made and applied, the catalog queried, and the base rebuilt so a cascade rebuilds the
 * application.
 */
final class Scenario {

    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private final Suite suite;
    private final SuiteClient client;

    Scenario(Suite suite) {
        this.suite = suite;
        this.client = new SuiteClient(suite);
    }

    void run() throws Exception {
        assertThat(BUSYBOX).as("a static busybox: apt-get install -y busybox-static").exists();
        String baseContext = client.upload(Map.of("Dockerfile", """
                FROM scratch
                COPY busybox /bin/busybox
                USER 65534
                ENTRYPOINT ["/bin/busybox"]
                """.getBytes(StandardCharsets.UTF_8), "busybox", Files.readAllBytes(BUSYBOX)));
        JsonNode base = client.build("demo/base/busybox", "1", baseContext);
        String baseRef = suite.registry() + "/demo/base/busybox:1";
        JsonNode app = client.build("demo/apps/shop", "1.0", client.upload(Map.of("Dockerfile", ("""
                FROM %s
                USER 0
                COPY hello.txt /srv/hello.txt
                USER 65534
                ENTRYPOINT ["/bin/busybox", "cat", "/srv/hello.txt"]
                """).formatted(baseRef).getBytes(StandardCharsets.UTF_8),
                "hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(app.path("state").asText()).as(app.toString()).isEqualTo("pushed");
        client.build("demo/apps/broken", "1", client.upload(Map.of("Dockerfile", ("FROM %s\n"
                + "RUN [\"/bin/busybox\", \"false\"]\n").formatted(baseRef).getBytes(StandardCharsets.UTF_8))));
        client.send("build", "/api/v1/dockerfiles/analyze", "text/plain", "FROM node\nRUN npm ci\nRUN npm run build\n");
        client.post("build", "/api/v1/events", "{}");

        String digest = app.path("digest").asText();
        for (String environment : List.of("dev", "test", "prod_test", "prod")) {
            client.deploy("shop", "demo/apps/shop", digest, environment, "SUCCEEDED");
        }
        client.deploy("shop", "demo/apps/shop", digest, "prod", "FAILED");

        JsonNode plan = await().atMost(Duration.ofSeconds(60)).until(() -> new com.fasterxml.jackson.databind
                .ObjectMapper().readTree(client.post("retention", "/api/v1/retention/plans", "{}").body()),
                made -> made.path("kept").asInt() + made.path("toDelete").asInt() >= 2);
        client.post("retention", "/api/v1/retention/plans/" + plan.path("id").asText() + "/apply", "");

        await().atMost(Duration.ofSeconds(60)).until(() -> client.get("catalog", "/api/v1/repositories?q=demo")
                .contains("demo/apps/shop"));
        client.get("catalog", "/api/v1/graph/impact?registry=" + suite.registry() + "&repository=demo/base/busybox");
        client.get("catalog", "/api/v1/governance/violations");

        JsonNode rebuilt = client.build("demo/base/busybox", "1", baseContext);
        assertThat(rebuilt.path("digest").asText()).isNotEqualTo(base.path("digest").asText());
        await().atMost(Duration.ofSeconds(120)).until(() -> client.json("catalog", "/api/v1/cascades")
                .path("items").path(0).path("status").asText().equals("finished"));
    }
}

package io.layerline.build.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.Infrastructure;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Dockerfile analysis over HTTP: JSON and plain-text bodies, field errors, limits and finding metrics. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerfilesIT implements TestPropertyProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Map<String, String> getProperties() {
        return Infrastructure.serviceProperties();
    }

    @Test
    void analysesADockerfileSentAsJsonWithItsPathAndBuildArguments() throws Exception {
        String dockerfile = "ARG JDK=17\nFROM maven:3.9-eclipse-temurin-${JDK}\nCOPY . /src\n"
                + "RUN mvn -f /src/pom.xml package\nCMD java -jar /src/target/app.jar\n";
        String body = JSON.writeValueAsString(Map.of("content", dockerfile, "path", "deploy/Dockerfile.prod",
                "buildArgs", Map.of("JDK", "21")));

        HttpResponse<String> response = post("/api/v1/dockerfiles/analyze", "application/json", body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode analysis = JSON.readTree(response.body());
        assertThat(analysis.path("finalBase").asText()).isEqualTo("maven:3.9-eclipse-temurin-21");
        assertThat(analysis.path("layerInstructions").asInt()).isEqualTo(2);
        assertThat(rules(analysis)).containsExactly("LL008", "LL009", "LL003", "LL010");
        assertThat(analysis.path("findings").get(3).path("hadolint").asText()).isEqualTo("DL3025");
        assertThat(analysis.path("findings").get(3).path("line").asInt()).isEqualTo(5);
        assertThat(get("/prometheus")).contains("layerline_build_dockerfile_findings_total{rule=\"LL003\"");
    }

    @Test
    void analysesAPlainTextBody() throws Exception {
        String dockerfile;
        try (InputStream in = getClass().getResourceAsStream("/dockerfiles/02-multistage-java.Dockerfile")) {
            dockerfile = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        HttpResponse<String> response = post("/api/v1/dockerfiles/analyze?path=Dockerfile", "text/plain", dockerfile);

        JsonNode analysis = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(analysis.path("stages").size()).isEqualTo(2);
        assertThat(analysis.path("stages").get(0).path("name").asText()).isEqualTo("build");
        assertThat(analysis.path("stages").get(1).path("isFinal").asBoolean()).isTrue();
        assertThat(analysis.path("findings").size()).isZero();
    }

    @Test
    void refusesWhatCannotBeAnalysedWithTheFieldAndTheReason() throws Exception {
        HttpResponse<String> blank = post("/api/v1/dockerfiles/analyze", "application/json",
                "{\"content\":\" \",\"buildArgs\":{\"1BAD\":\"x\"}}");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(blank.body()).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("content", "buildArgs.1BAD");
        assertThat(post("/api/v1/dockerfiles/analyze", "application/json", "{\"content\":").statusCode())
                .isEqualTo(400);
        HttpResponse<String> wrongType = post("/api/v1/dockerfiles/analyze", "application/json",
                "{\"content\":{\"text\":\"FROM scratch\"}}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("\"field\":\"body\"").doesNotContain("Exception", "Error decoding");
        HttpResponse<String> nullArgument = post("/api/v1/dockerfiles/analyze", "application/json",
                "{\"content\":\"FROM scratch\",\"buildArgs\":{\"A\":null}}");
        assertThat(nullArgument.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(nullArgument.body()).path("errors").findValuesAsText("field"))
                .containsExactly("buildArgs.A");
        assertThat(post("/api/v1/dockerfiles/analyze", "application/xml", "<x/>").statusCode()).isEqualTo(415);
        HttpResponse<String> tooLong = post("/api/v1/dockerfiles/analyze", "text/plain", "RUN x\n".repeat(100_000));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("at most 500000 characters");
        HttpResponse<String> huge = post("/api/v1/dockerfiles/analyze", "text/plain", "RUN x\n".repeat(200_000));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("larger than 1048576 bytes");
    }

    private static List<String> rules(JsonNode analysis) {
        List<String> rules = new ArrayList<>();
        analysis.path("findings").forEach(finding -> rules.add(finding.path("rule").asText()));
        return rules;
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(ApiTokens.request(URI.create(server.getURI() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        return http.send(ApiTokens.request(URI.create(server.getURI() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}

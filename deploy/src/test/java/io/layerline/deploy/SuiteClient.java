package io.layerline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.testing.ContextArchives;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The suite's public APIs as a CI pipeline, a deployer or an operator calls them. */
final class SuiteClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Suite suite;
    private final HttpClient http = HttpClient.newHttpClient();

    SuiteClient(Suite suite) {
        this.suite = suite;
    }

    /** Uploads a build context made of {@code files}; its id. */
    String upload(Map<String, byte[]> files) throws Exception {
        HttpResponse<String> response = http.send(api(suite.url("build", "/api/v1/contexts"))
                .header("Content-Type", "application/x-tar")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ContextArchives.tar(files))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asText();
    }

    /** Builds {@code repository:tag} from an uploaded context and waits for it to end; the build. */
    JsonNode build(String repository, String tag, String context) throws Exception {
        HttpResponse<String> submitted = post("build", "/api/v1/builds", JSON.writeValueAsString(Map.of(
                "repository", repository, "tags", List.of(tag), "context", Map.of("id", context),
                "requestedBy", "ci")));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = JSON.readTree(submitted.body()).path("id").asText();
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(
                () -> json("build", "/api/v1/builds/" + id),
                build -> List.of("pushed", "failed", "cancelled").contains(build.path("state").asText()));
    }

    /** Reports a deployment of {@code repository@digest} as the service {@code service}. */
    void deploy(String service, String repository, String digest, String environment, String status)
            throws Exception {
        HttpResponse<String> response = post("promotion", "/api/v1/deployments", JSON.writeValueAsString(Map.of(
                "deploymentId", "deploy-" + UUID.randomUUID(), "service", service, "environment", environment,
                "image", Map.of("registry", suite.registry(), "repository", repository, "digest", digest),
                "status", status, "deployer", "argocd", "target", "local", "finishedAt", Instant.now().toString())));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    /** The tags a repository has in the suite's registry. */
    List<String> registryTags(String repository) throws Exception {
        JsonNode tags = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + suite.registry()
                + "/v2/" + repository + "/tags/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
        List<String> names = new ArrayList<>();
        tags.path("tags").forEach(tag -> names.add(tag.asText()));
        return names;
    }

    HttpResponse<String> post(String service, String path, String body) throws IOException, InterruptedException {
        return send(service, path, "application/json", body);
    }

    HttpResponse<String> send(String service, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(api(suite.url(service, path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String get(String service, String path) throws IOException, InterruptedException {
        return http.send(api(suite.url(service, path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A request to a service's REST API with the suite's admin token. */
    private HttpRequest.Builder api(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + suite.apiToken());
    }

    JsonNode json(String service, String path) throws IOException, InterruptedException {
        return JSON.readTree(get(service, path));
    }
}

package io.layerline.retention.adapter.out.registry;

import io.layerline.retention.application.RegistryArtifacts;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Deletes artifacts through Harbor v2.0: {@code DELETE /projects/{project}/repositories/{repository}/artifacts/
 * {digest}}, the repository inside the project URL-encoded twice. A 404 means it is gone already.
 */
@Singleton
@Requires(property = "layerline.retention.registry.type", value = "harbor")
class HarborRegistryArtifacts implements RegistryArtifacts {

    private final URI url;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HarborRegistryArtifacts(@Value("${layerline.retention.registry.harbor.url}") URI url,
                            @Nullable @Value("${layerline.retention.registry.harbor.username:}") String username,
                            @Nullable @Value("${layerline.retention.registry.harbor.password:}") String password) {
        this.url = url;
        this.authorization = username == null || username.isBlank() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean handles(String registry) {
        return registry.equalsIgnoreCase(url.getAuthority());
    }

    @Override
    public boolean delete(ArtifactId artifact) throws RegistryException {
        int slash = artifact.repository().indexOf('/');
        if (slash < 0) {
            throw new RegistryException(artifact + " is not in a Harbor project (project/repository)");
        }
        String project = artifact.repository().substring(0, slash);
        String repository = artifact.repository().substring(slash + 1);
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve("/api/v2.0/projects/" + encode(project)
                        + "/repositories/" + encode(encode(repository)) + "/artifacts/" + artifact.digest()))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").DELETE();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return true;
            }
            if (response.statusCode() == 404) {
                return false;
            }
            throw new RegistryException("Harbor refused to delete " + artifact + ": " + response.statusCode() + " "
                    + response.body());
        } catch (IOException e) {
            throw new RegistryException("Harbor at " + url + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

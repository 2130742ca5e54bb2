package io.layerline.retention.adapter.out.registry;

import io.layerline.retention.application.RegistryArtifacts;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Deletes manifests by digest through the OCI distribution API: {@code DELETE /v2/<name>/manifests/<digest>}. */
@Singleton
@Requires(property = "layerline.retention.registry.type", value = "oci")
class OciRegistryArtifacts implements RegistryArtifacts {

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OciRegistryArtifacts(@Value("${layerline.retention.registry.oci.url}") URI url) {
        this.url = url;
    }

    @Override
    public boolean handles(String registry) {
        return registry.equalsIgnoreCase(url.getAuthority());
    }

    @Override
    public boolean delete(ArtifactId artifact) throws RegistryException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            url.resolve("/v2/" + artifact.repository() + "/manifests/" + artifact.digest()))
                    .timeout(Duration.ofSeconds(30)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202 || response.statusCode() == 200) {
                return true;
            }
            if (response.statusCode() == 404) {
                return false;
            }
            throw new RegistryException("deleting " + artifact + " answered " + response.statusCode() + ": "
                    + response.body());
        } catch (IOException e) {
            throw new RegistryException("registry " + url + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted", e);
        }
    }
}

package io.layerline.retention.adapter.out.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.retention.application.RegistryArtifacts;
import io.layerline.retention.application.RegistryCatalog;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Any OCI registry through the distribution API: lists repositories ({@code _catalog}) and tags, reads manifests
 * for digests and sizes, and deletes manifests by digest ({@code DELETE /v2/<name>/manifests/<digest>}).
 */
@Singleton
@Requires(property = "layerline.retention.registry.type", value = "oci")
class OciRegistry implements RegistryArtifacts, RegistryCatalog {

    private static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final int PAGE = 100;

    private final URI url;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OciRegistry(@Value("${layerline.retention.registry.oci.url}") URI url,
                @Value("${layerline.retention.registry.timeout:30s}") Duration timeout) {
        this.url = url;
        this.timeout = timeout;
    }

    @Override
    public boolean handles(String registry) {
        return registry.equalsIgnoreCase(url.getAuthority());
    }

    @Override
    public Optional<String> registry() {
        return Optional.of(url.getAuthority());
    }

    @Override
    public boolean delete(ArtifactId artifact) throws RegistryException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                url.resolve("/v2/" + artifact.repository() + "/manifests/" + artifact.digest())).DELETE());
        if (response.statusCode() == 202 || response.statusCode() == 200) {
            return true;
        }
        if (response.statusCode() == 404) {
            return false;
        }
        throw RegistryException.answered(response.statusCode(), "deleting " + artifact + " answered "
                + response.statusCode() + ": " + response.body());
    }

    @Override
    public List<String> repositories() throws RegistryException {
        return paged("/v2/_catalog?n=" + PAGE, "repositories");
    }

    @Override
    public List<Listed> artifacts(String repository) throws RegistryException {
        Map<String, TreeSet<String>> tagsByDigest = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String tag : paged("/v2/" + repository + "/tags/list?n=" + PAGE, "tags")) {
            HttpResponse<String> manifest = send(HttpRequest.newBuilder(
                    url.resolve("/v2/" + repository + "/manifests/" + tag)).header("Accept", MANIFEST_TYPES).GET());
            if (manifest.statusCode() == 404) {
                continue;
            }
            if (manifest.statusCode() != 200) {
                throw new RegistryException("reading " + repository + ":" + tag + " answered " + manifest.statusCode());
            }
            String digest = manifest.headers().firstValue("Docker-Content-Digest")
                    .orElseThrow(() -> new RegistryException("no digest for " + repository + ":" + tag));
            tagsByDigest.computeIfAbsent(digest, d -> new TreeSet<>()).add(tag);
            sizes.computeIfAbsent(digest, d -> size(manifest.body()));
        }
        List<Listed> artifacts = new ArrayList<>();
        tagsByDigest.forEach((digest, tags) -> artifacts.add(new Listed(digest, tags, sizes.get(digest), false)));
        return artifacts;
    }

    /** The bytes an image manifest names: its config and layers (an index counts its own manifests only). */
    private long size(String manifest) {
        try {
            JsonNode node = json.readTree(manifest);
            long size = node.path("config").path("size").asLong(0);
            for (JsonNode part : node.has("layers") ? node.path("layers") : node.path("manifests")) {
                size += part.path("size").asLong(0);
            }
            return size;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Follows {@code Link: <…>; rel="next"} pages of a list. */
    private List<String> paged(String first, String field) throws RegistryException {
        List<String> values = new ArrayList<>();
        String next = first;
        while (next != null) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(url.resolve(next)).GET());
            if (response.statusCode() == 404) {
                return values;
            }
            if (response.statusCode() != 200) {
                throw new RegistryException("listing " + next + " answered " + response.statusCode());
            }
            try {
                json.readTree(response.body()).path(field).forEach(value -> values.add(value.asText()));
            } catch (IOException e) {
                throw new RegistryException("the registry answered " + next + " with something that is not JSON", e);
            }
            next = response.headers().firstValue("Link")
                    .filter(link -> link.contains("rel=\"next\""))
                    .map(link -> link.substring(link.indexOf('<') + 1, link.indexOf('>')))
                    .orElse(null);
        }
        return values;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws RegistryException {
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw RegistryException.unavailable("registry " + url + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted", e);
        }
    }
}

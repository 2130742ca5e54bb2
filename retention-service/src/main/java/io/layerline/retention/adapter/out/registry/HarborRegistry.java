package io.layerline.retention.adapter.out.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.registry.HarborNames;
import io.layerline.retention.application.ManagedRegistries;
import io.layerline.retention.application.RegistryArtifacts;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.ArtifactKind;
import io.layerline.retention.domain.inventory.Structure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Harbor v2.0: lists projects, repositories and artifacts (with their tags and immutability, their accessories —
 * cosign and Notation signatures, SBOMs, any OCI referrer — and an index's children, 100 a page, while a page is full
 * and {@code X-Total-Count} does not say the list is complete), and deletes artifacts by digest
 * ({@code DELETE /projects/{project}/repositories/{repository}/artifacts/{digest}}), the repository inside the
 * project URL-encoded twice. A 404 means it is gone already: Harbor deletes an artifact's accessories with it.
 */
final class HarborRegistry implements ManagedRegistries.ManagedRegistry {

    private static final int PAGE = 100;

    private final URI url;
    private final String authorization;
    private final Duration timeout;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    HarborRegistry(URI url, String username, String password, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
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
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(artifactsPath(artifact.repository()) + "/"
                        + artifact.digest()))
                .timeout(timeout).header("Accept", "application/json").DELETE();
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
            throw RegistryException.answered(response.statusCode(), "Harbor refused to delete " + artifact + ": "
                    + response.statusCode() + " " + response.body());
        } catch (IOException e) {
            throw RegistryException.unavailable("Harbor at " + url + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted", e);
        }
    }

    @Override
    public String registry() {
        return url.getAuthority();
    }

    @Override
    public List<String> repositories() throws RegistryException {
        List<String> repositories = new ArrayList<>();
        for (JsonNode project : pages("/api/v2.0/projects")) {
            for (JsonNode repository : pages("/api/v2.0/projects/" + HarborNames.encode(project.path("name").asText())
                    + "/repositories")) {
                repositories.add(repository.path("name").asText());
            }
        }
        return repositories;
    }

    @Override
    public List<Listed> artifacts(String repository) throws RegistryException {
        if (repository.indexOf('/') < 0) {
            return List.of();
        }
        Map<String, Listed> artifacts = new LinkedHashMap<>();
        for (JsonNode artifact : pages(artifactsPath(repository), "&with_tag=true&with_accessory=true")) {
            TreeSet<String> tags = new TreeSet<>();
            boolean immutable = false;
            for (JsonNode tag : artifact.path("tags")) {
                tags.add(tag.path("name").asText());
                immutable |= tag.path("immutable").asBoolean(false);
            }
            Set<String> children = new TreeSet<>();
            artifact.path("references").forEach(reference -> children.add(reference.path("child_digest").asText()));
            String digest = artifact.path("digest").asText();
            artifacts.put(digest, new Listed(digest, tags, artifact.path("size").asLong(0),
                    new Structure(kind(artifact, tags, children), Optional.ofNullable(artifact.path("media_type")
                            .asText(null)), tags.stream().map(ArtifactKind::subjectOfTag).flatMap(Optional::stream)
                            .findFirst(), children, Map.of(), false), immutable, time(artifact.path("push_time"))));
            for (JsonNode accessory : artifact.path("accessories")) {
                String accessoryDigest = accessory.path("digest").asText();
                String type = accessory.path("type").asText("");
                artifacts.putIfAbsent(accessoryDigest, new Listed(accessoryDigest, Set.of(),
                        accessory.path("size").asLong(0), new Structure(accessoryKind(type), Optional.of(type),
                        Optional.of(accessory.path("subject_artifact_digest").asText(digest)), Set.of(), Map.of(),
                        false), false, time(accessory.path("creation_time"))));
            }
            for (String child : children) {
                artifacts.putIfAbsent(child, new Listed(child, Set.of(), 0, new Structure(ArtifactKind.IMAGE,
                        Optional.empty(), Optional.empty(), Set.of(), Map.of(), false), false,
                        time(artifact.path("push_time"))));
            }
        }
        return List.copyOf(artifacts.values());
    }

    /** A Harbor time ({@code 2026-11-30T10:00:00.000Z}); Harbor writes the zero time for "never". */
    private static Optional<Instant> time(JsonNode value) {
        try {
            Instant at = Instant.parse(value.asText(""));
            return at.isAfter(Instant.EPOCH) ? Optional.of(at) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Harbor's artifact {@code type}: {@code IMAGE} (an index when it has references), {@code CHART}, … */
    private static ArtifactKind kind(JsonNode artifact, Set<String> tags, Set<String> children) {
        ArtifactKind byTags = ArtifactKind.ofTags(tags);
        if (byTags != ArtifactKind.IMAGE) {
            return byTags;
        }
        if (!children.isEmpty()) {
            return ArtifactKind.INDEX;
        }
        return artifact.path("type").asText("IMAGE").equalsIgnoreCase("IMAGE") ? ArtifactKind.IMAGE
                : ArtifactKind.ARTIFACT;
    }

    /** Harbor's accessory types: {@code signature.cosign}, {@code signature.notation}, {@code harbor.sbom}, … */
    private static ArtifactKind accessoryKind(String type) {
        if (type.contains("signature")) {
            return ArtifactKind.SIGNATURE;
        }
        if (type.contains("sbom")) {
            return ArtifactKind.SBOM;
        }
        return type.contains("attestation") ? ArtifactKind.ATTESTATION : ArtifactKind.ARTIFACT;
    }

    private static String artifactsPath(String repository) {
        return "/api/v2.0/projects/" + HarborNames.encode(HarborNames.project(repository)) + "/repositories/"
                + HarborNames.repositorySegment(repository) + "/artifacts";
    }

    private List<JsonNode> pages(String path) throws RegistryException {
        return pages(path, "");
    }

    /** Every element of a paged Harbor list, page by page while {@code X-Total-Count} says there are more. */
    private List<JsonNode> pages(String path, String query) throws RegistryException {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path + "?page=" + page + "&page_size="
                    + PAGE + query)).timeout(timeout).header("Accept", "application/json").GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw RegistryException.unavailable("Harbor at " + url + " cannot be reached: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted", e);
            }
            if (response.statusCode() != 200) {
                throw new RegistryException("listing " + path + " answered " + response.statusCode());
            }
            JsonNode items;
            try {
                items = json.readTree(response.body());
            } catch (IOException e) {
                throw new RegistryException("Harbor answered " + path + " with something that is not JSON", e);
            }
            items.forEach(all::add);
            boolean allCounted = response.headers().firstValueAsLong("X-Total-Count")
                    .stream().anyMatch(total -> all.size() >= total);
            if (items.size() < PAGE || allCounted) {
                return all;
            }
        }
    }
}

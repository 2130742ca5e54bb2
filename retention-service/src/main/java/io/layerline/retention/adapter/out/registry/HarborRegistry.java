package io.layerline.retention.adapter.out.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.registry.HarborClient;
import io.layerline.registry.HarborNames;
import io.layerline.registry.RegistryAccess;
import io.layerline.registry.RegistryClient;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.ArtifactKind;
import io.layerline.retention.domain.inventory.Structure;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
 * The undo window goes through Harbor's distribution API ({@code /v2/}), with the same credentials; the keeper
 * manifests it pushes are left out of the artifacts listed.
 */
final class HarborRegistry implements UndoableRegistry {

    private final HarborClient harbor;
    private final KeptManifests kept;

    HarborRegistry(RegistryAccess access) {
        this.harbor = new HarborClient(access);
        this.kept = new KeptManifests(new RegistryClient(access));
    }

    @Override
    public boolean handles(String registry) {
        return harbor.access().names(registry);
    }

    @Override
    public boolean delete(ArtifactId artifact) throws RegistryException {
        int slash = artifact.repository().indexOf('/');
        if (slash < 0) {
            throw new RegistryException(artifact + " is not in a Harbor project (project/repository)");
        }
        try {
            String path = HarborClient.artifactsPath(artifact.repository()) + "/" + artifact.digest();
            HarborClient.Answer answer = harbor.send("DELETE", path, null, Map.of());
            if (answer.status() == 404) {
                return false;
            }
            if (!answer.ok()) {
                throw harbor.refused(answer, "deleting " + artifact);
            }
            return true;
        } catch (io.layerline.registry.RegistryException e) {
            throw RegistryErrors.translated(e);
        }
    }

    @Override
    public KeptManifests keptManifests() {
        return kept;
    }

    @Override
    public String registry() {
        return harbor.access().host();
    }

    @Override
    public List<String> repositories() throws RegistryException {
        try {
            List<String> repositories = new ArrayList<>();
            for (JsonNode project : harbor.pages("/projects", "")) {
                for (JsonNode repository : harbor.pages("/projects/" + HarborNames.encode(project.path("name")
                        .asText()) + "/repositories", "")) {
                    repositories.add(repository.path("name").asText());
                }
            }
            return repositories;
        } catch (io.layerline.registry.RegistryException e) {
            throw RegistryErrors.translated(e);
        }
    }

    @Override
    public List<Listed> artifacts(String repository) throws RegistryException {
        if (repository.indexOf('/') < 0) {
            return List.of();
        }
        Map<String, Listed> artifacts = new LinkedHashMap<>();
        List<JsonNode> listed;
        try {
            listed = harbor.pages(HarborClient.artifactsPath(repository), "&with_tag=true&with_accessory=true");
        } catch (io.layerline.registry.RegistryException e) {
            throw RegistryErrors.translated(e);
        }
        for (JsonNode artifact : listed) {
            if (artifact.path("annotations").has(KeptManifests.KEEPER_ANNOTATION)) {
                continue;
            }
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
                            .asText(null)), io.layerline.registry.ArtifactKind.subjectOfTags(tags), children, Map.of(),
                            false), immutable, time(artifact.path("push_time"))));
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
        return RegistryKinds.of(io.layerline.registry.ArtifactKind.ofHarbor(artifact.path("type").asText(""), tags,
                !children.isEmpty(), Optional.ofNullable(artifact.path("artifact_type").asText(null))));
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
}

package io.layerline.registry;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A manifest or an index as the registry holds it: the exact bytes (their digest is the manifest's identity), the
 * media type the registry answered with, and what they name.
 */
public record Manifest(String digest, String mediaType, byte[] bytes, JsonNode json) {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** What a client accepts when it reads manifests: every kind this client understands. */
    public static final String ACCEPT = String.join(", ", OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST,
            DOCKER_MANIFEST_LIST);
    /** The config media type OCI 1.1 artifacts use when they have no config of their own. */
    public static final String EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";

    private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);

    /** Whether this is an index (a multi-arch image or any list of manifests). */
    public boolean isIndex() {
        return INDEXES.contains(mediaType) || INDEXES.contains(json.path("mediaType").asText())
                || json.has("manifests") && !json.has("layers");
    }

    /** The config blob of an image manifest; empty for an index. */
    public Optional<Descriptor> config() {
        JsonNode config = json.path("config");
        return config.isObject() ? Optional.of(Descriptor.of(config)) : Optional.empty();
    }

    /** The layers (or an artifact's blobs) of an image manifest; none for an index. */
    public List<Descriptor> layers() {
        return descriptors("layers");
    }

    /** The manifests an index names; none for an image manifest. */
    public List<Descriptor> children() {
        return isIndex() ? descriptors("manifests") : List.of();
    }

    /** Every blob an image manifest names: its config and its layers. */
    public List<Descriptor> blobs() {
        List<Descriptor> blobs = new ArrayList<>();
        config().ifPresent(blobs::add);
        blobs.addAll(layers());
        return blobs;
    }

    /** The manifest this one refers to (OCI 1.1 {@code subject}): a signature's, an SBOM's or an attestation's image. */
    public Optional<Descriptor> subject() {
        JsonNode subject = json.path("subject");
        return subject.isObject() ? Optional.of(Descriptor.of(subject)) : Optional.empty();
    }

    /**
     * What kind of artifact this is, as OCI 1.1 says it: the {@code artifactType} field, else the config's media
     * type (an image's config, a Helm chart's, a cosign signature's).
     */
    public Optional<String> artifactType() {
        JsonNode type = json.path("artifactType");
        if (type.isTextual() && !type.asText().isEmpty()) {
            return Optional.of(type.asText());
        }
        return config().map(Descriptor::mediaType).filter(mediaType -> !mediaType.isEmpty());
    }

    private List<Descriptor> descriptors(String field) {
        List<Descriptor> descriptors = new ArrayList<>();
        json.path(field).forEach(node -> descriptors.add(Descriptor.of(node)));
        return descriptors;
    }
}

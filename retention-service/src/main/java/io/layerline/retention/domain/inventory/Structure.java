package io.layerline.retention.domain.inventory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an artifact's manifest names, as read from the registry.
 *
 * @param kind         what it is
 * @param artifactType the manifest's {@code artifactType} or its config's media type, when it said one
 * @param subject      the digest (in the same repository) it refers to: a signature's, attestation's or SBOM's image
 * @param children     the manifests an index names
 * @param blobs        the blobs the manifest itself names (config and layers), digest to size; an index names none
 * @param read         whether this was read from the registry; else it is what the tags alone say, and the blobs
 *                     are not known
 */
public record Structure(ArtifactKind kind, Optional<String> artifactType, Optional<String> subject,
                        Set<String> children, Map<String, Long> blobs, boolean read) {

    public Structure {
        children = Set.copyOf(children);
        blobs = Map.copyOf(new TreeMap<>(blobs));
    }

    /** What the tags of an artifact no one has read yet say of it: a kind, and perhaps the subject they name. */
    public static Structure unread(ArtifactKind kind, Optional<String> subject) {
        return new Structure(kind, Optional.empty(), subject, Set.of(), Map.of(), false);
    }
}

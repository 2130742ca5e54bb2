package io.layerline.retention.application.port;

import io.layerline.retention.domain.inventory.Structure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a registry holds, read from the registry itself, to find what no event announced. */
public interface RegistryCatalog {

    /**
     * An artifact as the registry holds it: its tags (none for an index's children and untagged referrers), its
     * size as the registry counts it, what it is and names, {@code immutable} when the registry forbids deleting
     * it, and when it was pushed, where the registry says (Harbor does; the distribution API does not).
     */
    record Listed(String digest, Set<String> tags, long size, Structure structure, boolean immutable,
                  Optional<Instant> pushedAt) {
    }

    /** The registry (host and port) this catalog reads. */
    String registry();

    List<String> repositories() throws RegistryArtifacts.RegistryException;

    /**
     * The artifacts of a repository, by digest: the tagged ones, the manifests their indexes name, and their
     * referrers (signatures, attestations, SBOMs), each read from the registry.
     */
    List<Listed> artifacts(String repository) throws RegistryArtifacts.RegistryException;
}

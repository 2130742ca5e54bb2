package io.layerline.retention.application;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a registry holds, read from the registry itself, to find what no event announced. */
public interface RegistryCatalog {

    /** An artifact as the registry lists it; {@code immutable} when the registry forbids deleting it. */
    record Listed(String digest, Set<String> tags, long size, boolean immutable) {
    }

    /** The registry (host and port) this catalog reads; empty when none is configured. */
    Optional<String> registry();

    List<String> repositories() throws RegistryArtifacts.RegistryException;

    /** The tagged artifacts of a repository, by digest. */
    List<Listed> artifacts(String repository) throws RegistryArtifacts.RegistryException;
}

package io.layerline.catalog.application.port;

import io.layerline.catalog.application.Metadata;

import java.util.Map;
import java.util.Optional;

/** What people enter about repositories. Writes join the caller's transaction. */
public interface RepositoryMetadata {

    Optional<Metadata> of(String registry, String repository);

    /** All entered metadata by {@code registry/repository}. */
    Map<String, Metadata> all();

    void put(String registry, String repository, Metadata metadata);
}

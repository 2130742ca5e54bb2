package io.layerline.catalog.application;

import io.layerline.catalog.domain.graph.Tier;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What people enter about repositories. Writes join the caller's transaction. */
public interface RepositoryMetadata {

    /** Every field may be absent. */
    record Metadata(String ownerTeam, Tier tier, String description, String docsUrl, String contact,
                    Instant updatedAt) {

        public static final Metadata NONE = new Metadata(null, null, null, null, null, null);
    }

    Optional<Metadata> of(String registry, String repository);

    /** All entered metadata by {@code registry/repository}. */
    Map<String, Metadata> all();

    void put(String registry, String repository, Metadata metadata);
}

package io.layerline.catalog.adapter.out.jdbc;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/**
 * A row of {@code repository_metadata}: what people entered about a repository, as {@link MetadataRows} reads it;
 * mapped to a {@code Metadata} by the adapter.
 *
 * @param tier a {@code Tier} name
 */
@MappedEntity("repository_metadata")
record MetadataRow(@EmbeddedId Key id, @Nullable String ownerTeam, @Nullable String tier,
                   @Nullable String description, @Nullable String docsUrl, @Nullable String contact,
                   Instant updatedAt) {

    /** The primary key, column by column. */
    @Embeddable
    record Key(@MappedProperty("registry") String registry, @MappedProperty("repository") String repository) {
    }
}

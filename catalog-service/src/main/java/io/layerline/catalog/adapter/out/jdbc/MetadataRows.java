package io.layerline.catalog.adapter.out.jdbc;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code repository_metadata} table through Micronaut Data, a {@link MetadataRow} per repository. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface MetadataRows extends GenericRepository<MetadataRow, MetadataRow.Key> {

    Optional<MetadataRow> findById(MetadataRow.Key id);

    List<MetadataRow> findAll();

    /** Stores a repository's metadata, replacing what was stored. */
    @Query("""
            INSERT INTO repository_metadata (registry, repository, owner_team, tier, description, docs_url, contact,
                                             updated_at)
            VALUES (:registry, :repository, :ownerTeam, :tier, :description, :docsUrl, :contact, :updatedAt)
            ON CONFLICT (registry, repository) DO UPDATE
            SET owner_team = excluded.owner_team, tier = excluded.tier, description = excluded.description,
                docs_url = excluded.docs_url, contact = excluded.contact, updated_at = excluded.updated_at""")
    void upsert(String registry, String repository, @Nullable String ownerTeam, @Nullable String tier,
                @Nullable String description, @Nullable String docsUrl, @Nullable String contact, Instant updatedAt);
}

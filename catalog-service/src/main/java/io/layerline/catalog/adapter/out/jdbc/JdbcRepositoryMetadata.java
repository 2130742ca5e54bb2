package io.layerline.catalog.adapter.out.jdbc;

import io.layerline.catalog.application.Metadata;
import io.layerline.catalog.application.port.RepositoryMetadata;
import io.layerline.catalog.domain.graph.Tier;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Repository metadata in PostgreSQL, plain rows through Micronaut Data, in the caller's transaction. */
@Singleton
class JdbcRepositoryMetadata implements RepositoryMetadata {

    private final MetadataRows rows;

    JdbcRepositoryMetadata(MetadataRows rows) {
        this.rows = rows;
    }

    @Override
    public Optional<Metadata> of(String registry, String repository) {
        return rows.findById(new MetadataRow.Key(registry, repository)).map(JdbcRepositoryMetadata::metadata);
    }

    @Override
    public Map<String, Metadata> all() {
        Map<String, Metadata> all = new HashMap<>();
        rows.findAll().forEach(row -> all.put(row.id().registry() + "/" + row.id().repository(), metadata(row)));
        return all;
    }

    @Override
    public void put(String registry, String repository, Metadata metadata) {
        rows.upsert(registry, repository, metadata.ownerTeam(), metadata.tier() == null ? null
                : metadata.tier().name(), metadata.description(), metadata.docsUrl(), metadata.contact(),
                metadata.updatedAt());
    }

    private static Metadata metadata(MetadataRow row) {
        return new Metadata(row.ownerTeam(), row.tier() == null ? null : Tier.valueOf(row.tier()), row.description(),
                row.docsUrl(), row.contact(), row.updatedAt());
    }
}

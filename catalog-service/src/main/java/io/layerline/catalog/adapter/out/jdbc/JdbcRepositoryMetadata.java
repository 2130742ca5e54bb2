package io.layerline.catalog.adapter.out.jdbc;

import io.layerline.catalog.application.RepositoryMetadata;
import io.layerline.catalog.domain.graph.Tier;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Repository metadata in PostgreSQL, in the caller's transaction. */
@Singleton
class JdbcRepositoryMetadata implements RepositoryMetadata {

    private static final String COLUMNS = "owner_team, tier, description, docs_url, contact, updated_at";

    private final DataSource dataSource;

    JdbcRepositoryMetadata(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Metadata> of(String registry, String repository) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                "SELECT " + COLUMNS + " FROM repository_metadata WHERE registry = ? AND repository = ?")) {
            query.setString(1, registry);
            query.setString(2, repository);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(metadata(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw JdbcCatalog.failure("read the metadata of " + repository, e);
        }
    }

    @Override
    public Map<String, Metadata> all() {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                "SELECT " + COLUMNS + ", registry || '/' || repository FROM repository_metadata");
             ResultSet rows = query.executeQuery()) {
            Map<String, Metadata> all = new HashMap<>();
            while (rows.next()) {
                all.put(rows.getString(7), metadata(rows));
            }
            return all;
        } catch (SQLException e) {
            throw JdbcCatalog.failure("read repository metadata", e);
        }
    }

    @Override
    public void put(String registry, String repository, Metadata metadata) {
        try (PreparedStatement upsert = dataSource.getConnection().prepareStatement("""
                INSERT INTO repository_metadata (registry, repository, owner_team, tier, description, docs_url,
                                                 contact, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (registry, repository) DO UPDATE
                SET owner_team = excluded.owner_team, tier = excluded.tier, description = excluded.description,
                    docs_url = excluded.docs_url, contact = excluded.contact, updated_at = excluded.updated_at""")) {
            upsert.setString(1, registry);
            upsert.setString(2, repository);
            upsert.setString(3, metadata.ownerTeam());
            upsert.setString(4, metadata.tier() == null ? null : metadata.tier().name());
            upsert.setString(5, metadata.description());
            upsert.setString(6, metadata.docsUrl());
            upsert.setString(7, metadata.contact());
            upsert.setTimestamp(8, Timestamp.from(metadata.updatedAt()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw JdbcCatalog.failure("store the metadata of " + repository, e);
        }
    }

    private static Metadata metadata(ResultSet rows) throws SQLException {
        String tier = rows.getString(2);
        return new Metadata(rows.getString(1), tier == null ? null : Tier.valueOf(tier), rows.getString(3),
                rows.getString(4), rows.getString(5), rows.getTimestamp(6).toInstant());
    }
}

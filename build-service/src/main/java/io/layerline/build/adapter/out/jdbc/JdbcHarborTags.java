package io.layerline.build.adapter.out.jdbc;

import io.layerline.build.application.port.HarborTags;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;

/** Which digest each tag Harbor told of points to, in PostgreSQL, in the caller's transaction. */
@Singleton
class JdbcHarborTags implements HarborTags {

    private final DataSource dataSource;

    JdbcHarborTags(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<String> digestOf(String registry, String repository, String tag) {
        try (PreparedStatement select = dataSource.getConnection().prepareStatement(
                "SELECT digest FROM harbor_tag WHERE registry = ? AND repository = ? AND tag = ?")) {
            select.setString(1, registry);
            select.setString(2, repository);
            select.setString(3, tag);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read tag " + repository + ":" + tag, e);
        }
    }

    @Override
    public void point(String registry, String repository, String digest, Collection<String> tags) {
        try (PreparedStatement upsert = dataSource.getConnection().prepareStatement("""
                INSERT INTO harbor_tag (registry, repository, tag, digest) VALUES (?, ?, ?, ?)
                ON CONFLICT (registry, repository, tag) DO UPDATE SET digest = excluded.digest""")) {
            for (String tag : tags) {
                upsert.setString(1, registry);
                upsert.setString(2, repository);
                upsert.setString(3, tag);
                upsert.setString(4, digest);
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("record the tags of " + repository + "@" + digest, e);
        }
    }

    @Override
    public void forget(String registry, String repository, String digest) {
        try (PreparedStatement delete = dataSource.getConnection().prepareStatement(
                "DELETE FROM harbor_tag WHERE registry = ? AND repository = ? AND digest = ?")) {
            delete.setString(1, registry);
            delete.setString(2, repository);
            delete.setString(3, digest);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("forget the tags of " + repository + "@" + digest, e);
        }
    }
}

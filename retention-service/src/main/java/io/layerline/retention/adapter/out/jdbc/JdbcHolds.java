package io.layerline.retention.adapter.out.jdbc;

import io.layerline.retention.application.Hold;
import io.layerline.retention.application.Holds;
import io.layerline.retention.domain.inventory.ArtifactId;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Holds in PostgreSQL. The data source joins the caller's transaction. */
@Singleton
class JdbcHolds implements Holds {

    private final DataSource dataSource;

    JdbcHolds(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean place(ArtifactId artifact, String reason, String heldBy, Instant at) {
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO hold (registry, repository, digest, reason, held_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            insert.setString(1, artifact.registry());
            insert.setString(2, artifact.repository());
            insert.setString(3, artifact.digest());
            insert.setString(4, reason);
            insert.setString(5, heldBy);
            insert.setTimestamp(6, Timestamp.from(at));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot hold " + artifact, e);
        }
    }

    @Override
    public boolean release(ArtifactId artifact) {
        try (PreparedStatement delete = dataSource.getConnection().prepareStatement(
                "DELETE FROM hold WHERE registry = ? AND repository = ? AND digest = ?")) {
            delete.setString(1, artifact.registry());
            delete.setString(2, artifact.repository());
            delete.setString(3, artifact.digest());
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release " + artifact, e);
        }
    }

    @Override
    public List<Hold> list(int limit, int offset) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                "SELECT * FROM hold ORDER BY created_at, registry, repository, digest LIMIT ? OFFSET ?")) {
            query.setInt(1, limit);
            query.setInt(2, offset);
            List<Hold> holds = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    holds.add(new Hold(new ArtifactId(rows.getString("registry"), rows.getString("repository"),
                            rows.getString("digest")), rows.getString("reason"), rows.getString("held_by"),
                            rows.getTimestamp("created_at").toInstant()));
                }
            }
            return holds;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list holds", e);
        }
    }
}

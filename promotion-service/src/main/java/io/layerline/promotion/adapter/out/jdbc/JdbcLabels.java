package io.layerline.promotion.adapter.out.jdbc;

import io.layerline.promotion.application.ImageLabel;
import io.layerline.promotion.application.Labels;
import io.layerline.promotion.application.PendingLabel;
import io.layerline.promotion.domain.deployment.ImageCoordinates;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.layerline.promotion.adapter.out.jdbc.Jdbc.failure;
import static io.layerline.promotion.adapter.out.jdbc.Jdbc.instant;
import static io.layerline.promotion.adapter.out.jdbc.Jdbc.optional;
import static io.layerline.promotion.adapter.out.jdbc.Jdbc.setInstant;

/** Labels and their registry applications in PostgreSQL. The data source joins the caller's transaction. */
@Singleton
class JdbcLabels implements Labels {

    private static final int MAX_ERROR = 2000;

    private final DataSource dataSource;

    JdbcLabels(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Set<String> of(ImageCoordinates image) {
        Set<String> labels = new LinkedHashSet<>();
        for (ImageLabel label : detailsOf(image)) {
            labels.add(label.label());
        }
        return labels;
    }

    @Override
    public List<ImageLabel> detailsOf(ImageCoordinates image) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT l.label, l.environment, l.deployment_id, l.labelled_at, a.state
                FROM image_label l
                LEFT JOIN label_application a ON a.registry = l.registry AND a.repository = l.repository
                                             AND a.digest = l.digest AND a.label = l.label
                WHERE l.registry = ? AND l.repository = ? AND l.digest = ?
                ORDER BY l.labelled_at, l.label""")) {
            query.setString(1, image.registry());
            query.setString(2, image.repository());
            query.setString(3, image.digest());
            List<ImageLabel> labels = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    labels.add(new ImageLabel(rows.getString("label"), rows.getString("environment"),
                            rows.getString("deployment_id"), instant(rows, "labelled_at"),
                            Optional.ofNullable(rows.getString("state")).orElse("LEDGER_ONLY")));
                }
            }
            return labels;
        } catch (SQLException e) {
            throw failure("read the labels of " + image.digest(), e);
        }
    }

    @Override
    public boolean add(ImageCoordinates image, String label, String environment, String deploymentId, Instant at) {
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO image_label (registry, repository, digest, label, environment, deployment_id, labelled_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            insert.setString(1, image.registry());
            insert.setString(2, image.repository());
            insert.setString(3, image.digest());
            insert.setString(4, label);
            insert.setString(5, environment);
            insert.setString(6, deploymentId);
            setInstant(insert, 7, at);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("label " + image.digest() + " " + label, e);
        }
    }

    @Override
    public void requestApplication(ImageCoordinates image, String label, Instant at) {
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO label_application (registry, repository, digest, label, state, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, 'PENDING', ?, ?)
                ON CONFLICT DO NOTHING""")) {
            insert.setString(1, image.registry());
            insert.setString(2, image.repository());
            insert.setString(3, image.digest());
            insert.setString(4, label);
            setInstant(insert, 5, at);
            setInstant(insert, 6, at);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failure("queue label " + label + " of " + image.digest(), e);
        }
    }

    @Override
    public List<PendingLabel> due(Instant now, int limit) {
        return pendingRows("""
                SELECT * FROM label_application WHERE state = 'PENDING' AND next_attempt_at <= ?
                ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED""", Timestamp.from(now), limit);
    }

    @Override
    public List<PendingLabel> pending(int limit, int offset) {
        return pendingRows("SELECT * FROM label_application WHERE state = 'PENDING' ORDER BY id LIMIT ? OFFSET ?",
                limit, offset);
    }

    @Override
    public long pendingCount() {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                "SELECT count(*) FROM label_application WHERE state = 'PENDING'");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw failure("count pending labels", e);
        }
    }

    @Override
    public void markApplied(long id, Instant at) {
        update("UPDATE label_application SET state = 'APPLIED', applied_at = ?, attempts = attempts + 1, "
                + "last_error = NULL WHERE id = ?", Timestamp.from(at), id);
    }

    @Override
    public void markFailed(long id, String error, Instant nextAttemptAt) {
        String truncated = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        update("UPDATE label_application SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                truncated, Timestamp.from(nextAttemptAt), id);
    }

    private void update(String sql, Object... parameters) {
        try (PreparedStatement update = dataSource.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            update.executeUpdate();
        } catch (SQLException e) {
            throw failure("update a label application", e);
        }
    }

    private List<PendingLabel> pendingRows(String sql, Object... parameters) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<PendingLabel> pending = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pending.add(new PendingLabel(rows.getLong("id"),
                            new ImageCoordinates(rows.getString("registry"), rows.getString("repository"),
                                    rows.getString("digest"), Optional.empty()),
                            rows.getString("label"), rows.getInt("attempts"), instant(rows, "next_attempt_at"),
                            optional(rows, "last_error")));
                }
            }
            return pending;
        } catch (SQLException e) {
            throw failure("read pending labels", e);
        }
    }
}

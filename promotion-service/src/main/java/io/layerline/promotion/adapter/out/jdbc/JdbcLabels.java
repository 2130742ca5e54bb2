package io.layerline.promotion.adapter.out.jdbc;

import io.layerline.promotion.application.EarnedLabel;
import io.layerline.promotion.application.ImageLabel;
import io.layerline.promotion.application.PendingLabel;
import io.layerline.promotion.application.port.Labels;
import io.layerline.promotion.domain.deployment.ImageCoordinates;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    public Map<ImageCoordinates, Set<String>> of(Set<ImageCoordinates> images) {
        if (images.isEmpty()) {
            return Map.of();
        }
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT registry, repository, digest, label FROM image_label
                WHERE (registry, repository, digest) IN (SELECT * FROM unnest(?::text[], ?::text[], ?::text[]))""")) {
            Connection connection = query.getConnection();
            query.setArray(1, connection.createArrayOf("text",
                    images.stream().map(ImageCoordinates::registry).toArray()));
            query.setArray(2, connection.createArrayOf("text",
                    images.stream().map(ImageCoordinates::repository).toArray()));
            query.setArray(3, connection.createArrayOf("text",
                    images.stream().map(ImageCoordinates::digest).toArray()));
            Map<ImageCoordinates, Set<String>> labels = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    labels.computeIfAbsent(new ImageCoordinates(rows.getString(1), rows.getString(2),
                            rows.getString(3), Optional.empty()), image -> new LinkedHashSet<>()).add(rows.getString(4));
                }
            }
            return labels;
        } catch (SQLException e) {
            throw Jdbc.failure("read the labels of " + images.size() + " images", e);
        }
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
            throw Jdbc.failure("read the labels of " + image.digest(), e);
        }
    }

    @Override
    public List<Boolean> add(List<EarnedLabel> labels) {
        if (labels.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO image_label (registry, repository, digest, label, environment, deployment_id, labelled_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            for (EarnedLabel label : labels) {
                insert.setString(1, label.image().registry());
                insert.setString(2, label.image().repository());
                insert.setString(3, label.image().digest());
                insert.setString(4, label.label());
                insert.setString(5, label.environment());
                insert.setString(6, label.deploymentId());
                setInstant(insert, 7, label.at());
                insert.addBatch();
            }
            return Arrays.stream(insert.executeBatch()).mapToObj(count -> count == 1).toList();
        } catch (SQLException e) {
            throw Jdbc.failure("label " + labels.size() + " images", e);
        }
    }

    @Override
    public void requestApplication(List<EarnedLabel> labels) {
        if (labels.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO label_application (registry, repository, digest, label, state, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, 'PENDING', ?, ?)
                ON CONFLICT DO NOTHING""")) {
            for (EarnedLabel label : labels) {
                insert.setString(1, label.image().registry());
                insert.setString(2, label.image().repository());
                insert.setString(3, label.image().digest());
                insert.setString(4, label.label());
                setInstant(insert, 5, label.at());
                setInstant(insert, 6, label.at());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("queue " + labels.size() + " labels for the registry", e);
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
            throw Jdbc.failure("count pending labels", e);
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
            throw Jdbc.failure("update a label application", e);
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
            throw Jdbc.failure("read pending labels", e);
        }
    }
}

package io.layerline.retention.adapter.out.jdbc;

import io.layerline.retention.application.KeptItem;
import io.layerline.retention.application.PlanItem;
import io.layerline.retention.application.port.RegistryArtifacts;
import io.layerline.retention.application.port.UndoWindows;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Kept manifests in {@code kept_manifest}, their item's keeper, subject, children and window on {@code plan_item}. */
@Singleton
class JdbcUndoWindows implements UndoWindows {

    private final DataSource dataSource;

    JdbcUndoWindows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void keep(UUID plan, int seq, RegistryArtifacts.Kept kept, Instant until) {
        try {
            Connection connection = dataSource.getConnection();
            try (PreparedStatement item = connection.prepareStatement("""
                    UPDATE plan_item SET keeper = ?, subject = coalesce(?, subject), children = ?, restorable_until = ?,
                        window_closed_at = NULL
                    WHERE plan_id = ? AND seq = ?""");
                 PreparedStatement insert = connection.prepareStatement("""
                         INSERT INTO kept_manifest (plan_id, seq, position, digest, media_type, content, tags)
                         VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                item.setString(1, kept.keeper());
                item.setString(2, kept.subject());
                item.setArray(3, connection.createArrayOf("text", kept.children().toArray()));
                item.setTimestamp(4, Timestamp.from(until));
                item.setObject(5, plan);
                item.setInt(6, seq);
                item.executeUpdate();
                forget(plan, seq);
                for (int position = 0; position < kept.manifests().size(); position++) {
                    RegistryArtifacts.KeptManifest manifest = kept.manifests().get(position);
                    insert.setObject(1, plan);
                    insert.setInt(2, seq);
                    insert.setInt(3, position);
                    insert.setString(4, manifest.digest());
                    insert.setString(5, manifest.mediaType());
                    insert.setBytes(6, manifest.content());
                    insert.setArray(7, connection.createArrayOf("text", manifest.tags().stream().sorted().toArray()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("keep the manifests of item " + seq + " of plan " + plan, e);
        }
    }

    @Override
    public List<KeptItem> kept(UUID plan) {
        return read("""
                SELECT * FROM plan_item WHERE plan_id = ? AND restorable_until IS NOT NULL ORDER BY seq""",
                plan);
    }

    @Override
    public boolean markRestored(UUID plan, int seq, String detail, Instant at) {
        try (PreparedStatement update = dataSource.getConnection().prepareStatement("""
                UPDATE plan_item SET state = 'RESTORED', detail = ?, updated_at = ?
                WHERE plan_id = ? AND seq = ? AND state = 'DELETED'""")) {
            update.setString(1, detail);
            update.setTimestamp(2, Timestamp.from(at));
            update.setObject(3, plan);
            update.setInt(4, seq);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Jdbc.failure("mark item " + seq + " of plan " + plan + " restored", e);
        }
    }

    @Override
    public List<KeptItem> passed(Instant now, int limit) {
        return read("""
                SELECT * FROM plan_item WHERE restorable_until IS NOT NULL AND window_closed_at IS NULL
                    AND restorable_until <= ?
                ORDER BY restorable_until LIMIT ?""", Timestamp.from(now), limit);
    }

    @Override
    public void close(UUID plan, int seq, Instant at) {
        try (PreparedStatement item = dataSource.getConnection().prepareStatement("""
                UPDATE plan_item SET window_closed_at = ?
                WHERE plan_id = ? AND seq = ? AND window_closed_at IS NULL""")) {
            item.setTimestamp(1, Timestamp.from(at));
            item.setObject(2, plan);
            item.setInt(3, seq);
            item.executeUpdate();
            forget(plan, seq);
        } catch (SQLException e) {
            throw Jdbc.failure("close the undo window of item " + seq + " of plan " + plan, e);
        }
    }

    private void forget(UUID plan, int seq) throws SQLException {
        try (PreparedStatement forget = dataSource.getConnection().prepareStatement(
                "DELETE FROM kept_manifest WHERE plan_id = ? AND seq = ?")) {
            forget.setObject(1, plan);
            forget.setInt(2, seq);
            forget.executeUpdate();
        }
    }

    /** The items a query selects, each with its kept manifests, read in one more query. */
    private List<KeptItem> read(String sql, Object... parameters) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            Map<String, KeptRow> rows = new LinkedHashMap<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    UUID plan = row.getObject("plan_id", UUID.class);
                    rows.put(plan + "/" + row.getInt("seq"), new KeptRow(plan, JdbcPlans.item(row),
                            row.getString("keeper"), row.getString("subject"), row.getArray("children") == null
                            ? List.of() : Arrays.asList((String[]) row.getArray("children").getArray()),
                            JdbcPlans.instant(row, "restorable_until"), JdbcPlans.instant(row, "window_closed_at"),
                            new ArrayList<>()));
                }
            }
            if (rows.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement manifests = dataSource.getConnection().prepareStatement("""
                    SELECT k.plan_id, k.seq, k.digest, k.media_type, k.content, k.tags FROM kept_manifest k
                    JOIN unnest(?::uuid[], ?::int[]) AS wanted (plan_id, seq)
                        ON k.plan_id = wanted.plan_id AND k.seq = wanted.seq
                    ORDER BY k.plan_id, k.seq, k.position""")) {
                manifests.setArray(1, dataSource.getConnection().createArrayOf("uuid",
                        rows.values().stream().map(KeptRow::plan).toArray()));
                manifests.setArray(2, dataSource.getConnection().createArrayOf("integer",
                        rows.values().stream().map(kept -> kept.item().seq()).toArray()));
                try (ResultSet row = manifests.executeQuery()) {
                    while (row.next()) {
                        rows.get(row.getObject(1, UUID.class) + "/" + row.getInt(2)).manifests().add(
                                new RegistryArtifacts.KeptManifest(row.getString(3), row.getString(4),
                                        row.getBytes(5), Set.of((String[]) row.getArray(6).getArray())));
                    }
                }
            }
            return rows.values().stream().map(KeptRow::kept).toList();
        } catch (SQLException e) {
            throw Jdbc.failure("read kept manifests", e);
        }
    }

    private record KeptRow(UUID plan, PlanItem item, String keeper,
                           String subject, List<String> children, Instant until, Instant closedAt,
                           List<RegistryArtifacts.KeptManifest> manifests) {

        KeptItem kept() {
            return new KeptItem(plan, item, new RegistryArtifacts.Kept(keeper, subject, children, manifests), until,
                    closedAt);
        }
    }
}

package io.layerline.catalog.adapter.out.jdbc;

import io.layerline.catalog.application.port.Cascades;
import io.layerline.catalog.domain.cascade.Cascade;
import io.layerline.catalog.domain.cascade.CascadeItem;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Cascades and their items in PostgreSQL, in the caller's transaction. */
@Singleton
class JdbcCascades implements Cascades {

    private static final String CASCADE_COLUMNS = "id, base_registry, base_repository, base_tag, base_reference, "
            + "previous_digest, new_digest, status, started_at, updated_at";

    private final DataSource dataSource;

    JdbcCascades(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void create(Cascade cascade) {
        Cascade.BaseChange change = cascade.change();
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement(
                "INSERT INTO cascade (" + CASCADE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, cascade.id());
            insert.setString(2, change.registry());
            insert.setString(3, change.repository());
            insert.setString(4, change.tag());
            insert.setString(5, change.reference());
            insert.setString(6, change.previousDigest());
            insert.setString(7, change.newDigest());
            insert.setString(8, cascade.status().name());
            insert.setTimestamp(9, Timestamp.from(cascade.startedAt()));
            insert.setTimestamp(10, Timestamp.from(cascade.updatedAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("create cascade " + cascade.id(), e);
        }
        saveItems(cascade);
    }

    @Override
    public Optional<Cascade> lock(String id) {
        return load("SELECT " + CASCADE_COLUMNS + " FROM cascade WHERE id = ? FOR UPDATE", id);
    }

    @Override
    public Optional<Cascade> find(String id) {
        return load("SELECT " + CASCADE_COLUMNS + " FROM cascade WHERE id = ?", id);
    }

    @Override
    public void save(Cascade cascade) {
        try (PreparedStatement update = dataSource.getConnection().prepareStatement(
                "UPDATE cascade SET status = ?, updated_at = ? WHERE id = ?")) {
            update.setString(1, cascade.status().name());
            update.setTimestamp(2, Timestamp.from(cascade.updatedAt()));
            update.setString(3, cascade.id());
            update.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("save cascade " + cascade.id(), e);
        }
        saveItems(cascade);
    }

    private void saveItems(Cascade cascade) {
        try (PreparedStatement upsert = dataSource.getConnection().prepareStatement("""
                INSERT INTO cascade_item (cascade_id, repository, wave, current_digest, depends_on, final_base,
                                          base_reference, state, requested_base_digest, rebuilt_digest, reason,
                                          blocked, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (cascade_id, repository) DO UPDATE
                SET state = excluded.state, requested_base_digest = excluded.requested_base_digest,
                    rebuilt_digest = excluded.rebuilt_digest, reason = excluded.reason, blocked = excluded.blocked,
                    updated_at = excluded.updated_at
                WHERE cascade_item.updated_at IS DISTINCT FROM excluded.updated_at
                   OR cascade_item.state IS DISTINCT FROM excluded.state""")) {
            for (CascadeItem item : cascade.items()) {
                upsert.setString(1, cascade.id());
                upsert.setString(2, item.repository());
                upsert.setInt(3, item.wave());
                upsert.setString(4, item.currentDigest());
                upsert.setArray(5, dataSource.getConnection()
                        .createArrayOf("text", item.dependsOn().stream().sorted().toArray()));
                upsert.setString(6, item.finalBase());
                upsert.setString(7, item.baseReference());
                upsert.setString(8, item.state().name());
                upsert.setString(9, item.requestedBaseDigest());
                upsert.setString(10, item.rebuiltDigest());
                upsert.setString(11, item.reason());
                upsert.setBoolean(12, item.blocked());
                upsert.setTimestamp(13, Timestamp.from(item.updatedAt()));
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("save the items of cascade " + cascade.id(), e);
        }
    }

    @Override
    public List<String> awaiting(String repository) {
        return strings("find the cascades awaiting " + repository, """
                SELECT cascade_id FROM cascade_item WHERE repository = ? AND state = 'REQUESTED'
                ORDER BY cascade_id""", repository);
    }

    @Override
    public Set<String> awaited(Set<String> repositories) {
        return new HashSet<>(strings("find which of " + repositories.size() + " repositories cascades await", """
                SELECT DISTINCT repository FROM cascade_item WHERE repository = ANY (?) AND state = 'REQUESTED'""",
                repositories));
    }

    /** The first column of the rows {@code sql} answers for {@code parameter}, a collection bound as a text array. */
    private List<String> strings(String what, String sql, Object parameter) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(sql)) {
            query.setObject(1, parameter instanceof Collection<?> values
                    ? dataSource.getConnection().createArrayOf("text", values.toArray()) : parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw Jdbc.failure(what, e);
        }
    }

    @Override
    public List<Cascade> list(Cascade.Status status, String before, int limit) {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT id FROM cascade
                WHERE (?::text IS NULL OR status = ?)
                  AND (?::text IS NULL OR (started_at, id) < (SELECT started_at, id FROM cascade WHERE id = ?))
                ORDER BY started_at DESC, id DESC LIMIT ?""")) {
            String statusName = status == null ? null : status.name();
            query.setString(1, statusName);
            query.setString(2, statusName);
            query.setString(3, before);
            query.setString(4, before);
            query.setInt(5, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure("list cascades", e);
        }
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    @Override
    public Map<CascadeItem.State, Integer> openItemsByState() {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT i.state, count(*) FROM cascade_item i JOIN cascade c ON c.id = i.cascade_id
                WHERE c.status <> 'FINISHED' GROUP BY i.state""");
             ResultSet rows = query.executeQuery()) {
            Map<CascadeItem.State, Integer> counts = new EnumMap<>(CascadeItem.State.class);
            while (rows.next()) {
                counts.put(CascadeItem.State.valueOf(rows.getString(1)), rows.getInt(2));
            }
            return counts;
        } catch (SQLException e) {
            throw Jdbc.failure("count cascade items", e);
        }
    }

    private Optional<Cascade> load(String sql, String id) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(sql)) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Cascade.BaseChange change = new Cascade.BaseChange(rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7));
                return Optional.of(Cascade.restore(id, change, Cascade.Status.valueOf(rows.getString(8)),
                        rows.getTimestamp(9).toInstant(), rows.getTimestamp(10).toInstant(), items(id)));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read cascade " + id, e);
        }
    }

    private List<CascadeItem> items(String id) throws SQLException {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT repository, wave, current_digest, depends_on, final_base, base_reference, state,
                       requested_base_digest, rebuilt_digest, reason, blocked, updated_at
                FROM cascade_item WHERE cascade_id = ?""")) {
            query.setString(1, id);
            Map<String, CascadeItem> items = new LinkedHashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    items.put(rows.getString(1), new CascadeItem(rows.getString(1), rows.getInt(2),
                            rows.getString(3), Set.of((String[]) rows.getArray(4).getArray()), rows.getString(5),
                            rows.getString(6), CascadeItem.State.valueOf(rows.getString(7)), rows.getString(8),
                            rows.getString(9), rows.getString(10), rows.getBoolean(11),
                            rows.getTimestamp(12).toInstant()));
                }
            }
            return List.copyOf(items.values());
        }
    }
}

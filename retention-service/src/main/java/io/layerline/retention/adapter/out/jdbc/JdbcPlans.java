package io.layerline.retention.adapter.out.jdbc;

import io.layerline.retention.application.AuditEntry;
import io.layerline.retention.application.ItemFilter;
import io.layerline.retention.application.PlanGroup;
import io.layerline.retention.application.PlanItem;
import io.layerline.retention.application.PlanSummary;
import io.layerline.retention.application.port.Plans;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.plan.Decision;
import io.layerline.retention.domain.plan.ItemAction;
import io.layerline.retention.domain.plan.ItemState;
import io.layerline.retention.domain.plan.PlanState;
import io.layerline.retention.domain.plan.RepositoryPlan;
import io.layerline.retention.domain.plan.RetentionPlan;
import io.layerline.retention.domain.policy.LabelClass;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static java.util.stream.Collectors.joining;

/** Plans, their items and the audit trail in PostgreSQL. The data source joins the caller's transaction. */
@Singleton
class JdbcPlans implements Plans {

    private final DataSource dataSource;

    JdbcPlans(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void save(UUID id, RetentionPlan plan, Instant at, Optional<String> policyId) {
        int kept = plan.repositories().stream().mapToInt(repository -> repository.kept().size()).sum();
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO retention_plan (id, state, created_at, kept, to_delete, bytes, policy_id)
                VALUES (?, 'PLANNED', ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setTimestamp(2, Timestamp.from(at));
            insert.setInt(3, kept);
            insert.setInt(4, plan.deletions().size());
            insert.setLong(5, plan.bytesToReclaim());
            insert.setString(6, policyId.orElse(null));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("store plan " + id, e);
        }
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO plan_item (plan_id, seq, registry, repository, digest, tags, size, action, reasons, state,
                                       updated_at, kind, own_bytes, policy_id, policy_version, reason_kind,
                                       label_class, subject)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int seq = 0;
            for (RepositoryPlan repository : plan.repositories()) {
                for (Decision decision : Stream.concat(repository.deleted().stream(), repository.kept().stream())
                        .toList()) {
                    ArtifactId artifact = decision.artifact().id();
                    insert.setObject(1, id);
                    insert.setInt(2, ++seq);
                    insert.setString(3, artifact.registry());
                    insert.setString(4, artifact.repository());
                    insert.setString(5, artifact.digest());
                    insert.setArray(6, dataSource.getConnection().createArrayOf("text",
                            decision.artifact().tags().stream().sorted().toArray()));
                    insert.setLong(7, decision.size());
                    ItemAction action = ItemAction.of(decision);
                    insert.setString(8, action.name());
                    insert.setString(9, decision.kept()
                            ? String.join("; ", Stream.concat(decision.protectedBy().stream(),
                            decision.keptBy().stream()).toList())
                            : decision.deleteReason());
                    insert.setString(10, ItemState.initial(action).name());
                    insert.setTimestamp(11, Timestamp.from(at));
                    insert.setString(12, decision.artifact().kind().wireName());
                    insert.setLong(13, decision.ownBytes());
                    insert.setString(14, repository.policyId());
                    insert.setInt(15, repository.policyVersion());
                    insert.setString(16, decision.reasonKind());
                    insert.setString(17, LabelClass.of(decision.artifact().labels()).name());
                    insert.setString(18, decision.artifact().structure().subject().orElse(null));
                    insert.addBatch();
                    if (seq % 1_000 == 0) {
                        insert.executeBatch();
                    }
                }
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("store the items of plan " + id, e);
        }
    }

    @Override
    public Optional<Instant> lastScheduledRun(String policyId) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                "SELECT ran_at FROM policy_run WHERE policy_id = ?")) {
            query.setString(1, policyId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getTimestamp(1).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read the last run of policy " + policyId, e);
        }
    }

    @Override
    public void recordScheduledRun(String policyId, Instant at, UUID planId) {
        update("""
                INSERT INTO policy_run (policy_id, ran_at, plan_id) VALUES (?, ?, ?)
                ON CONFLICT (policy_id) DO UPDATE SET ran_at = excluded.ran_at, plan_id = excluded.plan_id""",
                policyId, Timestamp.from(at), planId);
    }

    @Override
    public Optional<PlanSummary> summary(UUID id) {
        return summaries("SELECT * FROM retention_plan WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public List<PlanSummary> list(Optional<Instant> before, int limit) {
        return before.isPresent()
                ? summaries("SELECT * FROM retention_plan WHERE created_at < ? ORDER BY created_at DESC, id LIMIT ?",
                Timestamp.from(before.get()), limit)
                : summaries("SELECT * FROM retention_plan ORDER BY created_at DESC, id LIMIT ?", limit);
    }

    /** The plans a query gives, with how far their deletions got: one more query for all of them. */
    private List<PlanSummary> summaries(String sql, Object... parameters) {
        List<UUID> ids = new ArrayList<>();
        List<PlanSummary> read = new ArrayList<>();
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    UUID id = row.getObject("id", UUID.class);
                    ids.add(id);
                    read.add(new PlanSummary(id, PlanState.valueOf(row.getString("state")),
                            instant(row, "created_at"), row.getInt("kept"), row.getInt("to_delete"),
                            row.getLong("bytes"), row.getString("applied_by"), instant(row, "started_at"),
                            instant(row, "finished_at"), Map.of(), 0));
                }
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            Map<UUID, Map<ItemState, Integer>> deletions = new HashMap<>();
            Map<UUID, Long> reclaimed = new HashMap<>();
            try (PreparedStatement progress = dataSource.getConnection().prepareStatement("""
                    SELECT plan_id, state, count(*), coalesce(sum(own_bytes), 0) FROM plan_item
                    WHERE plan_id = ANY(?) AND action = 'DELETE'
                    GROUP BY plan_id, state ORDER BY plan_id, state""")) {
                progress.setArray(1, dataSource.getConnection().createArrayOf("uuid", ids.toArray()));
                try (ResultSet rows = progress.executeQuery()) {
                    while (rows.next()) {
                        UUID id = rows.getObject(1, UUID.class);
                        ItemState state = ItemState.valueOf(rows.getString(2));
                        deletions.computeIfAbsent(id, key -> new LinkedHashMap<>()).put(state, rows.getInt(3));
                        if (state == ItemState.DELETED) {
                            reclaimed.put(id, rows.getLong(4));
                        }
                    }
                }
            }
            return read.stream().map(plan -> new PlanSummary(plan.id(), plan.state(), plan.createdAt(), plan.kept(),
                    plan.toDelete(), plan.bytes(), plan.appliedBy(), plan.startedAt(), plan.finishedAt(),
                    deletions.getOrDefault(plan.id(), Map.of()), reclaimed.getOrDefault(plan.id(), 0L))).toList();
        } catch (SQLException e) {
            throw Jdbc.failure("read plans", e);
        }
    }

    @Override
    public List<PlanItem> items(UUID id, ItemFilter filter, int limit, int offset) {
        Where where = Where.of(id, filter);
        return items("SELECT * FROM plan_item WHERE " + where.sql() + " ORDER BY seq LIMIT ? OFFSET ?",
                where.with(limit, offset));
    }

    @Override
    public List<PlanGroup> groups(UUID id, ItemFilter filter, int limit, int offset) {
        Where where = Where.of(id, filter);
        String countsByState = Arrays.stream(ItemState.values())
                .map(state -> "count(*) FILTER (WHERE state = '" + state.name() + "')").collect(joining(", "));
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT registry, repository, action, reason_kind, count(*), sum(size), sum(own_bytes), %s
                FROM plan_item WHERE %s
                GROUP BY registry, repository, action, reason_kind
                ORDER BY registry, repository, action, reason_kind NULLS LAST LIMIT ? OFFSET ?"""
                .formatted(countsByState, where.sql()))) {
            Object[] parameters = where.with(limit, offset);
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<PlanGroup> groups = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Map<ItemState, Integer> states = new EnumMap<>(ItemState.class);
                    for (ItemState state : ItemState.values()) {
                        int count = rows.getInt(8 + state.ordinal());
                        if (count > 0) {
                            states.put(state, count);
                        }
                    }
                    groups.add(new PlanGroup(rows.getString(1), rows.getString(2),
                            ItemAction.valueOf(rows.getString(3)), rows.getString(4), rows.getInt(5), rows.getLong(6),
                            rows.getLong(7), states));
                }
            }
            return groups;
        } catch (SQLException e) {
            throw Jdbc.failure("group the items of plan " + id, e);
        }
    }

    /** The condition a filter puts on a plan's items, and its parameters in order. */
    private record Where(String sql, List<Object> parameters) {

        static Where of(UUID id, ItemFilter filter) {
            String[][] conditions = {
                    {"action = ?", filter.action() == null ? null : filter.action().name()},
                    {"registry = ?", filter.registry()},
                    {"repository = ?", filter.repository()},
                    {"strpos(lower(repository), lower(?)) > 0", filter.text()},
                    {"reason_kind = ?", filter.reasonKind()},
                    {"label_class = ?", filter.labelClass()}};
            StringBuilder sql = new StringBuilder("plan_id = ?");
            List<Object> parameters = new ArrayList<>(List.of(id));
            for (String[] condition : conditions) {
                if (condition[1] != null) {
                    sql.append(" AND ").append(condition[0]);
                    parameters.add(condition[1]);
                }
            }
            return new Where(sql.toString(), parameters);
        }

        Object[] with(Object... more) {
            List<Object> all = new ArrayList<>(parameters);
            all.addAll(Arrays.asList(more));
            return all.toArray();
        }
    }

    @Override
    public boolean startApplying(UUID id, String appliedBy, Instant at) {
        return update("UPDATE retention_plan SET state = 'APPLYING', applied_by = ?, started_at = ?"
                + " WHERE id = ? AND state = 'PLANNED'", appliedBy, Timestamp.from(at), id) == 1;
    }

    @Override
    public boolean pause(UUID id) {
        return update("UPDATE retention_plan SET state = 'PAUSED' WHERE id = ? AND state = 'APPLYING'", id) == 1;
    }

    @Override
    public boolean resume(UUID id) {
        return update("UPDATE retention_plan SET state = 'APPLYING' WHERE id = ? AND state = 'PAUSED'", id) == 1;
    }

    @Override
    public boolean lease(UUID id, String applier, Instant now, Instant until) {
        return update("UPDATE retention_plan SET applier = ?, lease_until = ? WHERE id = ? AND state = 'APPLYING'"
                + " AND (applier IS NULL OR applier = ? OR lease_until < ?)", applier, Timestamp.from(until), id,
                applier, Timestamp.from(now)) == 1;
    }

    @Override
    public List<UUID> applying() {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                "SELECT id FROM retention_plan WHERE state = 'APPLYING' ORDER BY started_at");
             ResultSet rows = query.executeQuery()) {
            List<UUID> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
            return ids;
        } catch (SQLException e) {
            throw Jdbc.failure("list applying plans", e);
        }
    }

    @Override
    public List<PlanItem> pendingDeletions(UUID id, int limit) {
        return items("""
                SELECT * FROM plan_item WHERE plan_id = ? AND action = 'DELETE' AND state = 'PENDING'
                ORDER BY seq LIMIT ?""", id, limit);
    }

    @Override
    public boolean markItem(UUID id, int seq, ItemState state, String detail, Instant at) {
        return update("UPDATE plan_item SET state = ?, detail = ?, updated_at = ? WHERE plan_id = ? AND seq = ?"
                + " AND state = 'PENDING'", state.name(), detail, Timestamp.from(at), id, seq) == 1;
    }

    @Override
    public void audit(UUID id, PlanItem item, ItemState outcome, String detail, Instant at) {
        update("""
                INSERT INTO audit (plan_id, registry, repository, digest, outcome, detail, at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", id, item.artifact().registry(), item.artifact().repository(),
                item.artifact().digest(), outcome.name(), detail, Timestamp.from(at));
    }

    @Override
    public List<AuditEntry> auditTrail(UUID id, int limit, int offset) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                "SELECT * FROM audit WHERE plan_id = ? ORDER BY id LIMIT ? OFFSET ?")) {
            query.setObject(1, id);
            query.setInt(2, limit);
            query.setInt(3, offset);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(new AuditEntry(rows.getLong("id"), rows.getString("registry"),
                            rows.getString("repository"), rows.getString("digest"),
                            ItemState.valueOf(rows.getString("outcome")), rows.getString("detail"),
                            instant(rows, "at")));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw Jdbc.failure("read the audit trail of plan " + id, e);
        }
    }

    @Override
    public boolean finish(UUID id, Instant at) {
        return update("UPDATE retention_plan SET state = 'APPLIED', finished_at = ?"
                + " WHERE id = ? AND state = 'APPLYING'", Timestamp.from(at), id) == 1;
    }

    private List<PlanItem> items(String sql, Object... parameters) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<PlanItem> items = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    items.add(item(rows));
                }
            }
            return items;
        } catch (SQLException e) {
            throw Jdbc.failure("read plan items", e);
        }
    }

    /** A {@code plan_item} row; restorable while deleted with its window open. */
    static PlanItem item(ResultSet rows) throws SQLException {
        ItemState state = ItemState.valueOf(rows.getString("state"));
        Instant restorableUntil = state == ItemState.DELETED && rows.getTimestamp("window_closed_at") == null
                ? instant(rows, "restorable_until") : null;
        return new PlanItem(rows.getInt("seq"), new ArtifactId(rows.getString("registry"),
                rows.getString("repository"), rows.getString("digest")),
                Set.copyOf(Arrays.asList((String[]) rows.getArray("tags").getArray())),
                rows.getLong("size"), rows.getLong("own_bytes"), rows.getString("kind"),
                rows.getString("policy_id"), rows.getInt("policy_version"),
                ItemAction.valueOf(rows.getString("action")), rows.getString("reasons"),
                rows.getString("reason_kind"), rows.getString("label_class"), state, rows.getString("detail"),
                instant(rows, "updated_at"), restorableUntil, rows.getString("subject"));
    }

    private int update(String sql, Object... parameters) {
        try (PreparedStatement statement = dataSource.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("update plans", e);
        }
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}

package io.layerline.retention.adapter.out.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.retention.application.StoredPolicy;
import io.layerline.retention.application.port.PolicyStore;
import io.layerline.retention.domain.policy.PolicyDraft;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Policy versions in PostgreSQL, their rules as JSON. The data source joins the caller's transaction. */
@Singleton
class JdbcPolicyStore implements PolicyStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<PolicyDraft.RuleDraft>> RULES = new TypeReference<>() {
    };

    private final DataSource dataSource;

    JdbcPolicyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public StoredPolicy save(String id, PolicyDraft draft, boolean active, String changedBy, Instant at) {
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO retention_policy (id, version, priority, registry_glob, repository_glob, rules, active,
                                              changed_by, created_at, schedule, auto_apply)
                SELECT ?, coalesce(max(version), 0) + 1, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?
                FROM retention_policy WHERE id = ?
                RETURNING version""")) {
            insert.setString(1, id);
            insert.setInt(2, draft.priorityOrDefault());
            insert.setString(3, draft.registryGlob());
            insert.setString(4, draft.repositoryGlob());
            insert.setString(5, JSON.writeValueAsString(draft.rules()));
            insert.setBoolean(6, active);
            insert.setString(7, changedBy);
            insert.setTimestamp(8, Timestamp.from(at));
            insert.setString(9, draft.schedule());
            insert.setBoolean(10, draft.autoApply());
            insert.setString(11, id);
            try (ResultSet version = insert.executeQuery()) {
                version.next();
                return new StoredPolicy(id, version.getInt(1), draft, active, changedBy, at);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot store policy " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredPolicy> latest(String id) {
        return query("SELECT * FROM retention_policy WHERE id = ? ORDER BY version DESC LIMIT 1", id).stream()
                .findFirst();
    }

    @Override
    public List<StoredPolicy> versions(String id) {
        return query("SELECT * FROM retention_policy WHERE id = ? ORDER BY version DESC", id);
    }

    @Override
    public List<StoredPolicy> active() {
        return query("""
                SELECT * FROM (SELECT DISTINCT ON (id) * FROM retention_policy ORDER BY id, version DESC) latest
                WHERE active ORDER BY id""");
    }

    private List<StoredPolicy> query(String sql, Object... parameters) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<StoredPolicy> policies = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    PolicyDraft draft = new PolicyDraft(rows.getString("registry_glob"),
                            rows.getString("repository_glob"), rows.getInt("priority"),
                            JSON.readValue(rows.getString("rules"), RULES), rows.getString("schedule"),
                            rows.getBoolean("auto_apply"));
                    policies.add(new StoredPolicy(rows.getString("id"), rows.getInt("version"), draft,
                            rows.getBoolean("active"), rows.getString("changed_by"),
                            rows.getTimestamp("created_at").toInstant()));
                }
            }
            return policies;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read policies: " + e.getMessage(), e);
        }
    }
}

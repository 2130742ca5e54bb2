package io.layerline.catalog.adapter.out.jdbc;

import io.layerline.catalog.application.GateEvaluation;
import io.layerline.catalog.application.TeamRule;
import io.layerline.catalog.application.port.Gates;
import io.layerline.catalog.domain.gate.ImageFacts;
import io.layerline.catalog.domain.gate.Mode;
import io.layerline.catalog.domain.gate.Outcome;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The gates' rows in PostgreSQL. The data source joins the caller's transaction. */
@Singleton
class JdbcGates implements Gates {

    private final DataSource dataSource;

    JdbcGates(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<TeamRule> teamRules() {
        return rules("SELECT * FROM gate_rule ORDER BY team, id", null);
    }

    @Override
    public Optional<TeamRule> teamRule(long id) {
        return rules("SELECT * FROM gate_rule WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public TeamRule addTeamRule(TeamRule rule) {
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO gate_rule (team, repositories, rule, mode, max, days, patterns, changed_by, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, rule.team());
            insert.setString(2, rule.repositories());
            insert.setString(3, rule.rule());
            insert.setString(4, rule.mode().name());
            setInteger(insert, 5, rule.max());
            setInteger(insert, 6, rule.days());
            insert.setArray(7, dataSource.getConnection().createArrayOf("text", rule.patterns().toArray()));
            insert.setString(8, rule.changedBy());
            insert.setTimestamp(9, Timestamp.from(rule.changedAt()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new TeamRule(keys.getLong(1), rule.team(), rule.repositories(), rule.rule(), rule.mode(),
                        rule.max(), rule.days(), rule.patterns(), rule.changedBy(), rule.changedAt());
            }
        } catch (SQLException e) {
            throw Jdbc.failure("store a rule of team " + rule.team(), e);
        }
    }

    @Override
    public boolean removeTeamRule(long id) {
        try (PreparedStatement delete = dataSource.getConnection().prepareStatement(
                "DELETE FROM gate_rule WHERE id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Jdbc.failure("remove gate rule " + id, e);
        }
    }

    @Override
    public void recordScan(String digest, String scanner, Integer critical, Integer high,
                           java.time.Instant scannedAt) {
        try (PreparedStatement upsert = dataSource.getConnection().prepareStatement("""
                INSERT INTO image_scan (digest, scanner, critical, high, scanned_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (digest) DO UPDATE SET scanner = excluded.scanner, critical = excluded.critical,
                    high = excluded.high, scanned_at = excluded.scanned_at
                WHERE image_scan.scanned_at <= excluded.scanned_at""")) {
            upsert.setString(1, digest);
            upsert.setString(2, scanner);
            setInteger(upsert, 3, critical);
            setInteger(upsert, 4, high);
            upsert.setTimestamp(5, Timestamp.from(scannedAt));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("record a scan of " + digest, e);
        }
    }

    @Override
    public Optional<ImageFacts.Scan> scanOf(String digest) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                "SELECT critical, high, scanned_at FROM image_scan WHERE digest = ?")) {
            query.setString(1, digest);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new ImageFacts.Scan(integer(row, "critical"), integer(row, "high"),
                        row.getTimestamp("scanned_at").toInstant())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read the scan of " + digest, e);
        }
    }

    @Override
    public Set<String> succeededIn(String digest) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                "SELECT DISTINCT environment FROM deployment_success WHERE digest = ?")) {
            query.setString(1, digest);
            Set<String> environments = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    environments.add(rows.getString(1));
                }
            }
            return environments;
        } catch (SQLException e) {
            throw Jdbc.failure("read where " + digest + " succeeded", e);
        }
    }

    @Override
    public Optional<String> digestOfTag(String registry, String repository, String tag) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT digest FROM tag_history WHERE repository = ? AND tag = ? AND registry = ?
                ORDER BY id DESC LIMIT 1""")) {
            query.setString(1, repository);
            query.setString(2, tag);
            query.setString(3, registry);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("resolve " + registry + "/" + repository + ":" + tag, e);
        }
    }

    @Override
    public void audit(GateEvaluation evaluation) {
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO gate_evaluation (asked_by, source, reference, digest, environment, outcome, failed, warned,
                                             detail, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, evaluation.askedBy());
            insert.setString(2, evaluation.source());
            insert.setString(3, evaluation.reference());
            insert.setString(4, evaluation.digest());
            insert.setString(5, evaluation.environment());
            insert.setString(6, evaluation.outcome().name());
            insert.setArray(7, dataSource.getConnection().createArrayOf("text", evaluation.failed().toArray()));
            insert.setArray(8, dataSource.getConnection().createArrayOf("text", evaluation.warned().toArray()));
            insert.setString(9, evaluation.detail());
            insert.setTimestamp(10, Timestamp.from(evaluation.at()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("audit a gate verdict on " + evaluation.reference(), e);
        }
    }

    @Override
    public List<GateEvaluation> evaluations(Optional<Long> before, int limit) {
        String sql = before.isPresent()
                ? "SELECT * FROM gate_evaluation WHERE id < ? ORDER BY id DESC LIMIT ?"
                : "SELECT * FROM gate_evaluation ORDER BY id DESC LIMIT ?";
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(sql)) {
            int parameter = 0;
            if (before.isPresent()) {
                query.setLong(++parameter, before.get());
            }
            query.setInt(++parameter, limit);
            List<GateEvaluation> evaluations = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    evaluations.add(new GateEvaluation(rows.getLong("id"), rows.getString("asked_by"),
                            rows.getString("source"), rows.getString("reference"), rows.getString("digest"),
                            rows.getString("environment"), Outcome.valueOf(rows.getString("outcome")),
                            texts(rows, "failed"), texts(rows, "warned"), rows.getString("detail"),
                            rows.getTimestamp("at").toInstant()));
                }
            }
            return evaluations;
        } catch (SQLException e) {
            throw Jdbc.failure("read gate verdicts", e);
        }
    }

    private List<TeamRule> rules(String sql, Long id) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(sql)) {
            if (id != null) {
                query.setLong(1, id);
            }
            List<TeamRule> rules = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    rules.add(new TeamRule(rows.getLong("id"), rows.getString("team"), rows.getString("repositories"),
                            rows.getString("rule"), Mode.valueOf(rows.getString("mode").toUpperCase(Locale.ROOT)),
                            integer(rows, "max"), integer(rows, "days"), texts(rows, "patterns"),
                            rows.getString("changed_by"), rows.getTimestamp("changed_at").toInstant()));
                }
            }
            return rules;
        } catch (SQLException e) {
            throw Jdbc.failure("read gate rules", e);
        }
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private static Integer integer(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    private static List<String> texts(ResultSet row, String column) throws SQLException {
        return Arrays.asList((String[]) row.getArray(column).getArray());
    }
}

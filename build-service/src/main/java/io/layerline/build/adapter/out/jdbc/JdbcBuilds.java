package io.layerline.build.adapter.out.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.build.application.LogLine;
import io.layerline.build.application.port.Builds;
import io.layerline.build.domain.build.Build;
import io.layerline.build.domain.build.BuildDefinition;
import io.layerline.build.domain.build.BuildState;
import io.layerline.build.domain.build.Reproducibility;
import io.layerline.build.domain.build.SquashOutcome;
import io.layerline.build.domain.dockerfile.DockerfileAnalysis;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Builds, logs, analyses and definitions in PostgreSQL, in the caller's transaction. */
@Singleton
class JdbcBuilds implements Builds {

    private static final String COLUMNS = "id, definition, state, reason, requested_by, cascade_id, "
            + "requested_base_digest, queued_at, started_at, finished_at, digest, reproduction_of";

    private final DataSource dataSource;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    JdbcBuilds(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void create(List<Build> builds) {
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO build (id, registry, repository, definition, state, reason, requested_by, cascade_id,
                                   requested_base_digest, queued_at, started_at, finished_at, digest, reproduction_of)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Build build : builds) {
                insert.setObject(1, build.id());
                insert.setString(2, build.definition().registry());
                insert.setString(3, build.definition().repository());
                insert.setString(4, write(DefinitionRow.of(build.definition())));
                insert.setString(5, build.state().name());
                insert.setString(6, build.reason());
                insert.setString(7, build.requestedBy());
                insert.setString(8, build.cascadeId());
                insert.setString(9, build.requestedBaseDigest());
                insert.setTimestamp(10, Timestamp.from(build.queuedAt()));
                insert.setTimestamp(11, timestamp(build.startedAt()));
                insert.setTimestamp(12, timestamp(build.finishedAt()));
                insert.setString(13, build.digest());
                insert.setObject(14, build.reproductionOf());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("create " + builds.size() + " builds", e);
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    @Override
    public Optional<Build> find(UUID id) {
        try (PreparedStatement query = dataSource.getConnection()
                .prepareStatement("SELECT " + COLUMNS + " FROM build WHERE id = ?")) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(build(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read build " + id, e);
        }
    }

    @Override
    public List<Build> list(String repository, Instant before, int limit) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("SELECT " + COLUMNS + " FROM build "
                + "WHERE (?::text IS NULL OR repository = ?) AND (?::timestamptz IS NULL OR queued_at < ?) "
                + "ORDER BY queued_at DESC LIMIT ?")) {
            query.setString(1, repository);
            query.setString(2, repository);
            Timestamp time = before == null ? null : Timestamp.from(before);
            query.setTimestamp(3, time);
            query.setTimestamp(4, time);
            query.setInt(5, limit);
            List<Build> builds = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    builds.add(build(rows));
                }
            }
            return builds;
        } catch (SQLException e) {
            throw Jdbc.failure("list builds", e);
        }
    }

    @Override
    public boolean update(Build build, BuildState from) {
        try (PreparedStatement update = dataSource.getConnection().prepareStatement("""
                UPDATE build SET state = ?, reason = ?, started_at = ?, finished_at = ?, digest = ?
                WHERE id = ? AND state = ?""")) {
            update.setString(1, build.state().name());
            update.setString(2, build.reason());
            update.setTimestamp(3, build.startedAt() == null ? null : Timestamp.from(build.startedAt()));
            update.setTimestamp(4, build.finishedAt() == null ? null : Timestamp.from(build.finishedAt()));
            update.setString(5, build.digest());
            update.setObject(6, build.id());
            update.setString(7, from.name());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Jdbc.failure("move build " + build.id() + " to " + build.state(), e);
        }
    }

    @Override
    public void saveLayers(UUID id, List<String> layers) {
        try (PreparedStatement update = dataSource.getConnection()
                .prepareStatement("UPDATE build SET layers = ? WHERE id = ?")) {
            update.setArray(1, dataSource.getConnection().createArrayOf("text", layers.toArray()));
            update.setObject(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("record the layers of build " + id, e);
        }
    }

    @Override
    public List<String> layersOf(UUID id) {
        try (PreparedStatement query = dataSource.getConnection()
                .prepareStatement("SELECT layers FROM build WHERE id = ?")) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getArray(1) != null ? List.of((String[]) rows.getArray(1).getArray())
                        : List.of();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read the layers of build " + id, e);
        }
    }

    @Override
    public void saveReproducibility(UUID id, Reproducibility reproducibility) {
        saveRecord(id, "reproducibility", reproducibility);
    }

    @Override
    public Optional<Reproducibility> reproducibility(UUID id) {
        return record(id, "reproducibility", Reproducibility.class);
    }

    @Override
    public void saveSquash(UUID id, SquashOutcome squash) {
        saveRecord(id, "squash", squash);
    }

    @Override
    public Optional<SquashOutcome> squash(UUID id) {
        return record(id, "squash", SquashOutcome.class);
    }

    /** Stores one of a build's JSONB records ({@code reproducibility}, {@code squash}) in its column. */
    private void saveRecord(UUID id, String column, Object record) {
        try (PreparedStatement update = dataSource.getConnection().prepareStatement(
                "UPDATE build SET " + column + " = ?::jsonb WHERE id = ?")) {
            update.setString(1, write(record));
            update.setObject(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("store the " + column + " of build " + id, e);
        }
    }

    private <T> Optional<T> record(UUID id, String column, Class<T> type) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                "SELECT " + column + " FROM build WHERE id = ?")) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getString(1) != null
                        ? Optional.of(read(rows.getString(1), type)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read the " + column + " of build " + id, e);
        }
    }

    @Override
    public List<UUID> inState(BuildState state) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                "SELECT id FROM build WHERE state = ? ORDER BY queued_at")) {
            query.setString(1, state.name());
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw Jdbc.failure("list " + state + " builds", e);
        }
    }

    @Override
    public void appendLog(UUID id, List<String> lines) {
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO build_log (build_id, line, text)
                SELECT ?, coalesce((SELECT max(line) FROM build_log WHERE build_id = ?), 0) + ordinality, text
                FROM unnest(?::text[]) WITH ORDINALITY AS lines(text, ordinality)""")) {
            insert.setObject(1, id);
            insert.setObject(2, id);
            insert.setArray(3, dataSource.getConnection().createArrayOf("text", lines.toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("append to the log of build " + id, e);
        }
    }

    @Override
    public List<LogLine> log(UUID id, long afterLine, int limit) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                "SELECT line, text FROM build_log WHERE build_id = ? AND line > ? ORDER BY line LIMIT ?")) {
            query.setObject(1, id);
            query.setLong(2, afterLine);
            query.setInt(3, limit);
            List<LogLine> lines = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lines.add(new LogLine(rows.getLong(1), rows.getString(2)));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw Jdbc.failure("read the log of build " + id, e);
        }
    }

    @Override
    public void saveAnalysis(UUID id, DockerfileAnalysis analysis) {
        try (PreparedStatement update = dataSource.getConnection().prepareStatement(
                "UPDATE build SET analysis = ?::jsonb WHERE id = ?")) {
            update.setString(1, write(analysis));
            update.setObject(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("store the analysis of build " + id, e);
        }
    }

    @Override
    public Optional<DockerfileAnalysis> analysis(UUID id) {
        try (PreparedStatement query = dataSource.getConnection()
                .prepareStatement("SELECT analysis FROM build WHERE id = ?")) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getString(1) != null
                        ? Optional.of(read(rows.getString(1), DockerfileAnalysis.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read the analysis of build " + id, e);
        }
    }

    @Override
    public void saveDefinition(BuildDefinition definition, Instant at) {
        try (PreparedStatement upsert = dataSource.getConnection().prepareStatement("""
                INSERT INTO build_definition (registry, repository, definition, updated_at) VALUES (?, ?, ?::jsonb, ?)
                ON CONFLICT (registry, repository) DO UPDATE
                SET definition = excluded.definition, updated_at = excluded.updated_at""")) {
            upsert.setString(1, definition.registry());
            upsert.setString(2, definition.repository());
            upsert.setString(3, write(DefinitionRow.of(definition)));
            upsert.setTimestamp(4, Timestamp.from(at));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("store the definition of " + definition.repository(), e);
        }
    }

    @Override
    public Map<Repository, BuildDefinition> definitions(Set<Repository> repositories) {
        if (repositories.isEmpty()) {
            return Map.of();
        }
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT registry, repository, definition FROM build_definition
                WHERE (registry, repository) IN (SELECT * FROM unnest(?::text[], ?::text[]))""")) {
            query.setArray(1, dataSource.getConnection().createArrayOf("text",
                    repositories.stream().map(Repository::registry).toArray()));
            query.setArray(2, dataSource.getConnection().createArrayOf("text",
                    repositories.stream().map(Repository::repository).toArray()));
            Map<Repository, BuildDefinition> definitions = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    definitions.put(new Repository(rows.getString(1), rows.getString(2)),
                            read(rows.getString(3), DefinitionRow.class).toDefinition());
                }
            }
            return definitions;
        } catch (SQLException e) {
            throw Jdbc.failure("read the definitions of " + repositories.size() + " repositories", e);
        }
    }

    private Build build(ResultSet rows) throws SQLException {
        return new Build(rows.getObject(1, UUID.class),
                read(rows.getString(2), DefinitionRow.class).toDefinition(), BuildState.valueOf(rows.getString(3)),
                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7), instant(rows, 8),
                instant(rows, 9), instant(rows, 10), rows.getString(11), rows.getObject(12, UUID.class));
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp time = rows.getTimestamp(column);
        return time == null ? null : time.toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}

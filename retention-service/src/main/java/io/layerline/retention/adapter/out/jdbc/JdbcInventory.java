package io.layerline.retention.adapter.out.jdbc;

import io.layerline.retention.adapter.out.registry.RegistryKinds;
import io.layerline.retention.application.ArtifactPush;
import io.layerline.retention.application.port.Inventory;
import io.layerline.retention.application.port.RegistryCatalog;
import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.ArtifactKind;
import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.inventory.Structure;
import io.layerline.retention.domain.plan.ProtectionFacts;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The inventory in PostgreSQL. The data source joins the caller's transaction. */
@Singleton
class JdbcInventory implements Inventory {

    private final DataSource dataSource;

    JdbcInventory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void recordPushes(List<ArtifactPush> pushes) {
        executeBatch("""
                INSERT INTO artifact (registry, repository, digest, tags, size, pushed_at, kind, subject)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (registry, repository, digest) DO UPDATE
                SET tags = ARRAY(SELECT DISTINCT unnest(artifact.tags || excluded.tags) ORDER BY 1),
                    size = CASE WHEN excluded.size > 0 THEN excluded.size ELSE artifact.size END,
                    pushed_at = LEAST(artifact.pushed_at, excluded.pushed_at),
                    kind = CASE WHEN artifact.structure_read OR excluded.kind = 'image' THEN artifact.kind
                                ELSE excluded.kind END,
                    subject = CASE WHEN artifact.structure_read THEN artifact.subject
                                   ELSE coalesce(excluded.subject, artifact.subject) END,
                    gone_at = NULL""", pushes.stream().map(push -> {
            Structure byTags = RegistryKinds.byTags(push.tags());
            return new Object[]{push.artifact().registry(), push.artifact().repository(), push.artifact().digest(),
                    textArray(push.tags()), push.size().orElse(0), Timestamp.from(push.pushedAt()),
                    byTags.kind().wireName(), byTags.subject().orElse(null)};
        }).toList());
    }

    @Override
    public void recordListed(RepositoryId repository, List<RegistryCatalog.Listed> listed) {
        executeBatch("""
                UPDATE artifact SET tags = ?, immutable = ?, kind = ?, artifact_type = ?, subject = ?, children = ?,
                    blob_digests = ?, blob_sizes = ?, structure_read = ?
                WHERE registry = ? AND repository = ? AND digest = ?""", listed.stream().map(artifact -> {
            Structure structure = artifact.structure();
            List<String> digests = new ArrayList<>(structure.blobs().keySet());
            return new Object[]{textArray(artifact.tags()), artifact.immutable(), structure.kind().wireName(),
                    structure.artifactType().orElse(null), structure.subject().orElse(null),
                    textArray(structure.children()), array("text", digests.toArray()),
                    array("bigint", digests.stream().map(structure.blobs()::get).toArray()), structure.read(),
                    repository.registry(), repository.repository(), artifact.digest()};
        }).toList());
    }

    @Override
    public void recordBases(Map<ArtifactId, Set<String>> baseDigests) {
        executeBatch("""
                INSERT INTO artifact_base (child_id, base_digest)
                SELECT id, ? FROM artifact WHERE registry = ? AND repository = ? AND digest = ?
                ON CONFLICT DO NOTHING""", baseDigests.entrySet().stream().flatMap(child -> child.getValue().stream()
                .map(base -> new Object[]{base, child.getKey().registry(), child.getKey().repository(),
                        child.getKey().digest()})).toList());
    }

    @Override
    public void recordPull(ArtifactId artifact, Instant at) {
        ensure(artifact);
        execute("""
                UPDATE artifact SET last_pulled_at = GREATEST(last_pulled_at, ?)
                WHERE registry = ? AND repository = ? AND digest = ?""",
                Timestamp.from(at), artifact.registry(), artifact.repository(), artifact.digest());
    }

    @Override
    public void markGone(ArtifactId artifact, Instant at) {
        execute("UPDATE artifact SET gone_at = ? WHERE registry = ? AND repository = ? AND digest = ?",
                Timestamp.from(at), artifact.registry(), artifact.repository(), artifact.digest());
    }

    @Override
    public void markPresent(ArtifactId artifact) {
        execute("UPDATE artifact SET gone_at = NULL WHERE registry = ? AND repository = ? AND digest = ?",
                artifact.registry(), artifact.repository(), artifact.digest());
    }

    @Override
    public void addLabel(ArtifactId artifact, String label) {
        ensure(artifact);
        execute("""
                UPDATE artifact SET labels = ARRAY(SELECT DISTINCT unnest(labels || ARRAY[?]) ORDER BY 1)
                WHERE registry = ? AND repository = ? AND digest = ?""",
                label, artifact.registry(), artifact.repository(), artifact.digest());
    }

    @Override
    public void recordDeployment(String service, String environment, ArtifactId artifact, Instant finishedAt,
                                 boolean rollbackEnvironment) {
        ensure(artifact);
        Timestamp at = Timestamp.from(finishedAt);
        execute("""
                UPDATE artifact SET last_deployed_at = GREATEST(last_deployed_at, ?)
                WHERE registry = ? AND repository = ? AND digest = ?""",
                at, artifact.registry(), artifact.repository(), artifact.digest());
        execute("""
                INSERT INTO running (service, environment, registry, repository, digest, since)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (service, environment) DO UPDATE
                SET registry = excluded.registry, repository = excluded.repository, digest = excluded.digest,
                    since = excluded.since
                WHERE running.since <= excluded.since""",
                service, environment, artifact.registry(), artifact.repository(), artifact.digest(), at);
        if (rollbackEnvironment) {
            execute("""
                    INSERT INTO rollback_history (service, registry, repository, digest, last_deployed_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (service, registry, repository, digest) DO UPDATE
                    SET last_deployed_at = GREATEST(rollback_history.last_deployed_at, excluded.last_deployed_at)""",
                    service, artifact.registry(), artifact.repository(), artifact.digest(), at);
        }
    }

    @Override
    public List<Artifact> present(Optional<RepositoryId> repository) {
        String filter = repository.isPresent() ? " AND registry = ? AND repository = ?" : "";
        Map<ArtifactId, Set<String>> runningIn = runningIn(filter, repository);
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT registry, repository, digest, tags, size, labels, pushed_at, last_deployed_at, immutable,
                       kind, artifact_type, subject, children, blob_digests, blob_sizes, structure_read
                FROM artifact WHERE gone_at IS NULL""" + filter)) {
            bindRepository(query, repository);
            query.setFetchSize(5_000);
            List<Artifact> artifacts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ArtifactId id = new ArtifactId(rows.getString(1), rows.getString(2), rows.getString(3));
                    artifacts.add(new Artifact(id, strings(rows.getArray(4)), rows.getLong(5),
                            strings(rows.getArray(6)),
                            Optional.ofNullable(rows.getTimestamp(7)).map(Timestamp::toInstant),
                            Optional.ofNullable(rows.getTimestamp(8)).map(Timestamp::toInstant),
                            runningIn.getOrDefault(id, Set.of()), rows.getBoolean(9), structure(rows)));
                }
            }
            return artifacts;
        } catch (SQLException e) {
            throw Jdbc.failure("read the inventory", e);
        }
    }

    private static Structure structure(ResultSet rows) throws SQLException {
        String[] digests = (String[]) rows.getArray(14).getArray();
        Long[] sizes = (Long[]) rows.getArray(15).getArray();
        Map<String, Long> blobs = new HashMap<>();
        for (int i = 0; i < digests.length; i++) {
            blobs.put(digests[i], sizes[i]);
        }
        return new Structure(ArtifactKind.fromWireName(rows.getString(10)), Optional.ofNullable(rows.getString(11)),
                Optional.ofNullable(rows.getString(12)), strings(rows.getArray(13)), blobs, rows.getBoolean(16));
    }

    /** Where each artifact runs: one row per service and environment, so far fewer than artifacts. */
    private Map<ArtifactId, Set<String>> runningIn(String filter, Optional<RepositoryId> repository) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                "SELECT registry, repository, digest, environment FROM running WHERE true" + filter)) {
            bindRepository(query, repository);
            Map<ArtifactId, Set<String>> runningIn = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    runningIn.computeIfAbsent(new ArtifactId(rows.getString(1), rows.getString(2), rows.getString(3)),
                            id -> new HashSet<>()).add(rows.getString(4));
                }
            }
            return runningIn;
        } catch (SQLException e) {
            throw Jdbc.failure("read what runs where", e);
        }
    }

    private static void bindRepository(PreparedStatement query, Optional<RepositoryId> repository)
            throws SQLException {
        if (repository.isPresent()) {
            query.setString(1, repository.get().registry());
            query.setString(2, repository.get().repository());
        }
    }

    @Override
    public ProtectionFacts protectionFacts(int rollbackDepth) {
        Set<ArtifactId> rollback = ids("""
                SELECT registry, repository, digest FROM (
                    SELECT *, row_number() OVER (PARTITION BY service ORDER BY last_deployed_at DESC, digest) AS rank
                    FROM rollback_history) ranked
                WHERE rank <= ?""", rollbackDepth);
        Set<ArtifactId> held = ids("SELECT registry, repository, digest FROM hold");
        Map<ArtifactId, Set<ArtifactId>> basesOf = new HashMap<>();
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT c.registry, c.repository, c.digest, b.registry, b.repository, b.digest
                FROM artifact_base e
                JOIN artifact c ON c.id = e.child_id
                JOIN artifact b ON b.digest = e.base_digest
                WHERE c.gone_at IS NULL AND b.gone_at IS NULL""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                basesOf.computeIfAbsent(new ArtifactId(rows.getString(1), rows.getString(2), rows.getString(3)),
                        id -> new HashSet<>()).add(new ArtifactId(rows.getString(4), rows.getString(5), rows.getString(6)));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read base edges", e);
        }
        return new ProtectionFacts(rollback, held, basesOf, Set.of());
    }

    @Override
    public long[] totals() {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                """
                SELECT (SELECT count(*) FROM artifact WHERE gone_at IS NULL),
                       (SELECT coalesce(sum(size), 0) FROM (
                            SELECT DISTINCT registry, digest, size
                            FROM artifact, unnest(blob_digests, blob_sizes) AS blob(digest, size)
                            WHERE gone_at IS NULL) blobs)
                     + (SELECT coalesce(sum(size), 0) FROM artifact WHERE gone_at IS NULL AND NOT structure_read)""");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return new long[]{rows.getLong(1), rows.getLong(2)};
        } catch (SQLException e) {
            throw Jdbc.failure("count the inventory", e);
        }
    }

    /** Creates the artifact row if the first thing we hear of it is not its push. */
    private void ensure(ArtifactId artifact) {
        execute("""
                INSERT INTO artifact (registry, repository, digest) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", artifact.registry(), artifact.repository(), artifact.digest());
    }

    private Set<ArtifactId> ids(String sql, Object... parameters) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(sql)) {
            bind(query, parameters);
            Set<ArtifactId> ids = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(new ArtifactId(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw Jdbc.failure("read protections", e);
        }
    }

    private void execute(String sql, Object... parameters) {
        executeBatch(sql, Collections.singletonList(parameters));
    }

    private void executeBatch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = dataSource.getConnection().prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("update the inventory", e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    private Array textArray(Set<String> values) {
        return array("text", values.stream().sorted().toArray());
    }

    private Array array(String type, Object[] values) {
        try {
            return dataSource.getConnection().createArrayOf(type, values);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> strings(Array array) throws SQLException {
        return array == null ? Set.of() : Set.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}

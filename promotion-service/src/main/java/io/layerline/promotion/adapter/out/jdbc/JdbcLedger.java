package io.layerline.promotion.adapter.out.jdbc;

import io.layerline.promotion.application.CurrentDeployment;
import io.layerline.promotion.application.ImageReach;
import io.layerline.promotion.application.Ingress;
import io.layerline.promotion.application.RecordedDeployment;
import io.layerline.promotion.application.port.Ledger;
import io.layerline.promotion.domain.deployment.Deployment;
import io.layerline.promotion.domain.deployment.ImageCoordinates;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.layerline.promotion.adapter.out.jdbc.Jdbc.failure;
import static io.layerline.promotion.adapter.out.jdbc.Jdbc.instant;
import static io.layerline.promotion.adapter.out.jdbc.Jdbc.optional;
import static io.layerline.promotion.adapter.out.jdbc.Jdbc.setInstant;
import static io.layerline.promotion.adapter.out.jdbc.Jdbc.setOptional;

/** The ledger in PostgreSQL. The data source joins the caller's transaction. */
@Singleton
class JdbcLedger implements Ledger {

    private static final String DEPLOYMENT_COLUMNS = """
            id, external_id, service, environment, registry, repository, digest, tag, kind, status, deployer,
            target, started_at, finished_at, ingress, recorded_at""";

    /** What runs where, with the deployment that put it there; a condition and an order follow. */
    private static final String CURRENT = """
            SELECT c.*, d.external_id, d.deployer FROM current_deployment c JOIN deployment d ON d.id = c.deployment_id
            """;

    private final DataSource dataSource;

    JdbcLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<RecordedDeployment> findByExternalId(String externalId) {
        List<RecordedDeployment> found = deployments(
                select("FROM deployment WHERE external_id = ?"), externalId);
        return found.stream().findFirst();
    }

    @Override
    public Map<String, RecordedDeployment> findByExternalIds(Set<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Map.of();
        }
        try {
            return deployments(select("FROM deployment WHERE external_id = ANY (?)"),
                    dataSource.getConnection().createArrayOf("text", externalIds.toArray())).stream()
                    .collect(Collectors.toMap(recorded -> recorded.deployment().externalId(), recorded -> recorded));
        } catch (SQLException e) {
            throw Jdbc.failure("read " + externalIds.size() + " deployments", e);
        }
    }

    @Override
    public List<RecordedDeployment> add(List<Deployment> deployments, Ingress ingress, Instant recordedAt) {
        if (deployments.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO deployment (external_id, service, environment, registry, repository, digest, tag, kind,
                                        status, deployer, target, started_at, finished_at, ingress, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (external_id) DO NOTHING""", new String[]{"id"})) {
            for (Deployment deployment : deployments) {
                ImageCoordinates image = deployment.image();
                insert.setString(1, deployment.externalId());
                insert.setString(2, deployment.service());
                insert.setString(3, deployment.environment());
                insert.setString(4, image.registry());
                insert.setString(5, image.repository());
                insert.setString(6, image.digest());
                setOptional(insert, 7, image.tag());
                insert.setString(8, deployment.kind().name());
                insert.setString(9, deployment.status().name());
                setOptional(insert, 10, deployment.deployer());
                setOptional(insert, 11, deployment.target());
                setInstant(insert, 12, deployment.startedAt().orElse(null));
                setInstant(insert, 13, deployment.finishedAt());
                insert.setString(14, ingress.name());
                setInstant(insert, 15, recordedAt);
                insert.addBatch();
            }
            int[] inserted = insert.executeBatch();
            List<RecordedDeployment> added = new ArrayList<>();
            try (ResultSet ids = insert.getGeneratedKeys()) {
                for (int i = 0; i < inserted.length; i++) {
                    if (inserted[i] == 1 && ids.next()) {
                        added.add(new RecordedDeployment(ids.getLong(1), deployments.get(i), ingress, recordedAt));
                    }
                }
            }
            return added;
        } catch (SQLException e) {
            throw Jdbc.failure("record " + deployments.size() + " deployments", e);
        }
    }

    @Override
    public void advanceCurrent(List<RecordedDeployment> deployments) {
        try (PreparedStatement upsert = dataSource.getConnection().prepareStatement("""
                INSERT INTO current_deployment (service, environment, deployment_id, registry, repository, digest,
                                                tag, since)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (service, environment) DO UPDATE
                SET deployment_id = excluded.deployment_id, registry = excluded.registry,
                    repository = excluded.repository, digest = excluded.digest, tag = excluded.tag,
                    since = CASE WHEN current_deployment.digest = excluded.digest THEN current_deployment.since
                                 ELSE excluded.since END
                WHERE current_deployment.since <= excluded.since
                   OR current_deployment.digest = excluded.digest""")) {
            for (RecordedDeployment recorded : deployments) {
                Deployment deployment = recorded.deployment();
                upsert.setString(1, deployment.service());
                upsert.setString(2, deployment.environment());
                upsert.setLong(3, recorded.id());
                upsert.setString(4, deployment.image().registry());
                upsert.setString(5, deployment.image().repository());
                upsert.setString(6, deployment.image().digest());
                setOptional(upsert, 7, deployment.image().tag());
                setInstant(upsert, 8, deployment.finishedAt());
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("advance the current deployments of " + deployments.size() + " deployments", e);
        }
    }

    @Override
    public void noteReach(List<Deployment> deployments) {
        try (PreparedStatement upsert = dataSource.getConnection().prepareStatement("""
                INSERT INTO image_environment (registry, repository, digest, environment, first_deployed_at,
                                               last_deployed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (registry, repository, digest, environment) DO UPDATE
                SET first_deployed_at = LEAST(image_environment.first_deployed_at, excluded.first_deployed_at),
                    last_deployed_at = GREATEST(image_environment.last_deployed_at, excluded.last_deployed_at)""")) {
            for (Deployment deployment : deployments) {
                upsert.setString(1, deployment.image().registry());
                upsert.setString(2, deployment.image().repository());
                upsert.setString(3, deployment.image().digest());
                upsert.setString(4, deployment.environment());
                setInstant(upsert, 5, deployment.finishedAt());
                setInstant(upsert, 6, deployment.finishedAt());
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("note where " + deployments.size() + " deployed images run", e);
        }
    }

    @Override
    public Optional<CurrentDeployment> current(String service, String environment) {
        return currents(CURRENT + "WHERE c.service = ? AND c.environment = ?", service, environment).stream()
                .findFirst();
    }

    @Override
    public List<CurrentDeployment> running(Optional<String> environment) {
        return environment.isPresent()
                ? currents(CURRENT + "WHERE c.environment = ? ORDER BY c.service", environment.get())
                : currents(CURRENT + "ORDER BY c.environment, c.service");
    }

    @Override
    public List<RecordedDeployment> historyOfService(String service, Optional<String> environment, int limit,
                                                     int offset) {
        if (environment.isPresent()) {
            return deployments(select("""
                    FROM deployment WHERE service = ? AND environment = ?
                    ORDER BY finished_at DESC, id DESC LIMIT ? OFFSET ?"""), service, environment.get(), limit, offset);
        }
        return deployments(select("""
                FROM deployment WHERE service = ?
                ORDER BY finished_at DESC, id DESC LIMIT ? OFFSET ?"""), service, limit, offset);
    }

    @Override
    public List<RecordedDeployment> lastSuccessfulOfEachDigest(String service, String environment, int limit) {
        return deployments(select("""
                FROM (SELECT DISTINCT ON (digest) * FROM deployment
                      WHERE service = ? AND environment = ? AND status = 'SUCCEEDED'
                      ORDER BY digest, finished_at DESC, id DESC) last
                ORDER BY finished_at DESC, id DESC LIMIT ?"""), service, environment, limit);
    }

    @Override
    public List<RecordedDeployment> historyOfImage(ImageCoordinates image, int limit, int offset) {
        return deployments(select("""
                FROM deployment WHERE registry = ? AND repository = ? AND digest = ?
                ORDER BY finished_at DESC, id DESC LIMIT ? OFFSET ?"""),
                image.registry(), image.repository(), image.digest(), limit, offset);
    }

    @Override
    public List<ImageReach> reachOf(ImageCoordinates image) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT environment, first_deployed_at, last_deployed_at FROM image_environment
                WHERE registry = ? AND repository = ? AND digest = ? ORDER BY first_deployed_at""")) {
            query.setString(1, image.registry());
            query.setString(2, image.repository());
            query.setString(3, image.digest());
            List<ImageReach> reach = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    reach.add(new ImageReach(rows.getString("environment"), instant(rows, "first_deployed_at"),
                            instant(rows, "last_deployed_at")));
                }
            }
            return reach;
        } catch (SQLException e) {
            throw Jdbc.failure("read where " + image.digest() + " was deployed", e);
        }
    }

    /**
     * {@code SELECT} of every deployment column, then {@code rest}. Spelled once with its space: a one-line text
     * block after {@code DEPLOYMENT_COLUMNS} loses its leading blank and glues {@code FROM} to the last column.
     */
    private static String select(String rest) {
        return "SELECT " + DEPLOYMENT_COLUMNS + " " + rest;
    }

    private List<RecordedDeployment> deployments(String sql, Object... parameters) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(sql)) {
            bind(query, parameters);
            List<RecordedDeployment> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new RecordedDeployment(rows.getLong("id"), new Deployment(
                            rows.getString("external_id"), rows.getString("service"), rows.getString("environment"),
                            new ImageCoordinates(rows.getString("registry"), rows.getString("repository"),
                                    rows.getString("digest"), optional(rows, "tag")),
                            Deployment.Kind.valueOf(rows.getString("kind")),
                            Deployment.Status.valueOf(rows.getString("status")),
                            optional(rows, "deployer"), optional(rows, "target"),
                            Optional.ofNullable(instant(rows, "started_at")), instant(rows, "finished_at")),
                            Ingress.valueOf(rows.getString("ingress")), instant(rows, "recorded_at")));
                }
            }
            return found;
        } catch (SQLException e) {
            throw Jdbc.failure("read deployments", e);
        }
    }

    private List<CurrentDeployment> currents(String sql, Object... parameters) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(sql)) {
            bind(query, parameters);
            List<CurrentDeployment> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new CurrentDeployment(rows.getString("service"), rows.getString("environment"),
                            new ImageCoordinates(rows.getString("registry"), rows.getString("repository"),
                                    rows.getString("digest"), optional(rows, "tag")),
                            instant(rows, "since"), rows.getString("external_id"), optional(rows, "deployer")));
                }
            }
            return found;
        } catch (SQLException e) {
            throw Jdbc.failure("read current deployments", e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}

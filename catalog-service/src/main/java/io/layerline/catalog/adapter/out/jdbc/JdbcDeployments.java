package io.layerline.catalog.adapter.out.jdbc;

import io.layerline.catalog.application.Deployment;
import io.layerline.catalog.application.port.Deployments;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Current deployments and promotion labels in PostgreSQL, in the caller's transaction. */
@Singleton
class JdbcDeployments implements Deployments {

    private final DataSource dataSource;

    JdbcDeployments(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void deployed(Deployment deployment) {
        try (PreparedStatement upsert = dataSource.getConnection().prepareStatement("""
                INSERT INTO deployment (service, environment, registry, repository, digest, deployed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (service, environment) DO UPDATE
                SET registry = excluded.registry, repository = excluded.repository, digest = excluded.digest,
                    deployed_at = excluded.deployed_at
                WHERE deployment.deployed_at <= excluded.deployed_at""")) {
            upsert.setString(1, deployment.service());
            upsert.setString(2, deployment.environment());
            upsert.setString(3, deployment.registry());
            upsert.setString(4, deployment.repository());
            upsert.setString(5, deployment.digest());
            upsert.setTimestamp(6, Timestamp.from(deployment.deployedAt()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("record a deployment of " + deployment.service(), e);
        }
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO deployment_success (digest, environment, registry, repository, first_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (digest, environment, registry, repository)
                DO UPDATE SET first_at = least(deployment_success.first_at, excluded.first_at)""")) {
            insert.setString(1, deployment.digest());
            insert.setString(2, deployment.environment());
            insert.setString(3, deployment.registry());
            insert.setString(4, deployment.repository());
            insert.setTimestamp(5, Timestamp.from(deployment.deployedAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("record where " + deployment.digest() + " succeeded", e);
        }
    }

    @Override
    public void labelled(String registry, String repository, String digest, String label, java.time.Instant at) {
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO image_label (registry, repository, digest, label, labelled_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            insert.setString(1, registry);
            insert.setString(2, repository);
            insert.setString(3, digest);
            insert.setString(4, label);
            insert.setTimestamp(5, Timestamp.from(at));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("record label " + label + " of " + digest, e);
        }
    }

    @Override
    public Map<String, List<Deployment>> currentOf(List<String> repositories) {
        Map<String, List<Deployment>> current = new TreeMap<>();
        if (repositories.isEmpty()) {
            return current;
        }
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT service, environment, registry, repository, digest, deployed_at FROM deployment
                WHERE registry || '/' || repository = ANY (?) ORDER BY environment, service""")) {
            query.setArray(1, dataSource.getConnection().createArrayOf("text", repositories.toArray()));
            for (Deployment deployment : read(query)) {
                current.computeIfAbsent(deployment.registry() + "/" + deployment.repository(),
                        name -> new ArrayList<>()).add(deployment);
            }
            return current;
        } catch (SQLException e) {
            throw Jdbc.failure("read deployments", e);
        }
    }

    @Override
    public List<Deployment> currentOfDigest(String digest) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT service, environment, registry, repository, digest, deployed_at FROM deployment
                WHERE digest = ? ORDER BY environment, service""")) {
            query.setString(1, digest);
            return read(query);
        } catch (SQLException e) {
            throw Jdbc.failure("read the deployments of " + digest, e);
        }
    }

    @Override
    public List<String> labelsOf(String digest) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                "SELECT DISTINCT label FROM image_label WHERE digest = ? ORDER BY label")) {
            query.setString(1, digest);
            List<String> labels = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    labels.add(rows.getString(1));
                }
            }
            return labels;
        } catch (SQLException e) {
            throw Jdbc.failure("read the labels of " + digest, e);
        }
    }

    private static List<Deployment> read(PreparedStatement query) throws SQLException {
        List<Deployment> deployments = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                deployments.add(new Deployment(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getTimestamp(6).toInstant()));
            }
        }
        return deployments;
    }
}

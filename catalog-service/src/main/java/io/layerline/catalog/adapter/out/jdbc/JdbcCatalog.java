package io.layerline.catalog.adapter.out.jdbc;

import io.layerline.catalog.application.Catalog;
import io.layerline.catalog.domain.graph.BaseEdge;
import io.layerline.catalog.domain.graph.ImageGraph;
import io.layerline.catalog.domain.graph.ImageNode;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The catalog in PostgreSQL. The data source joins the caller's transaction. */
@Singleton
class JdbcCatalog implements Catalog {

    private final DataSource dataSource;

    JdbcCatalog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void record(Image image, Instant at) {
        try (PreparedStatement upsert = connection().prepareStatement("""
                INSERT INTO image (registry, repository, digest, tags, size, layer_count, source_repository,
                                   source_commit, branch, author, ci_run_url, seen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (registry, repository, digest) DO UPDATE
                SET tags = ARRAY(SELECT DISTINCT unnest(image.tags || excluded.tags) ORDER BY 1),
                    size = coalesce(excluded.size, image.size),
                    layer_count = coalesce(excluded.layer_count, image.layer_count),
                    source_repository = coalesce(excluded.source_repository, image.source_repository),
                    source_commit = coalesce(excluded.source_commit, image.source_commit),
                    branch = coalesce(excluded.branch, image.branch),
                    author = coalesce(excluded.author, image.author),
                    ci_run_url = coalesce(excluded.ci_run_url, image.ci_run_url)""")) {
            upsert.setString(1, image.registry());
            upsert.setString(2, image.repository());
            upsert.setString(3, image.digest());
            upsert.setArray(4, connection().createArrayOf("text", image.tags().stream().sorted().toArray()));
            upsert.setObject(5, image.size());
            upsert.setObject(6, image.layerCount());
            upsert.setString(7, image.sourceRepository());
            upsert.setString(8, image.commit());
            upsert.setString(9, image.branch());
            upsert.setString(10, image.author());
            upsert.setString(11, image.ciRunUrl());
            upsert.setTimestamp(12, Timestamp.from(at));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failure("record image " + image.digest(), e);
        }
    }

    @Override
    public void recordBases(String childDigest, List<Base> bases) {
        try (PreparedStatement upsert = connection().prepareStatement("""
                INSERT INTO base_edge (child_digest, stage_index, reference, base_digest, final_stage)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (child_digest, stage_index) DO UPDATE
                SET reference = excluded.reference, base_digest = excluded.base_digest,
                    final_stage = excluded.final_stage""")) {
            for (Base base : bases) {
                upsert.setString(1, childDigest);
                upsert.setInt(2, base.stageIndex());
                upsert.setString(3, base.reference());
                upsert.setString(4, base.digest());
                upsert.setBoolean(5, base.finalStage());
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw failure("record the bases of " + childDigest, e);
        }
    }

    @Override
    public void advanceHead(String registry, String repository, String digest, Instant at) {
        try (PreparedStatement upsert = connection().prepareStatement("""
                INSERT INTO repository_head (registry, repository, digest, since) VALUES (?, ?, ?, ?)
                ON CONFLICT (registry, repository) DO UPDATE SET digest = excluded.digest, since = excluded.since
                WHERE repository_head.since <= excluded.since""")) {
            upsert.setString(1, registry);
            upsert.setString(2, repository);
            upsert.setString(3, digest);
            upsert.setTimestamp(4, Timestamp.from(at));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failure("advance the head of " + repository, e);
        }
    }

    @Override
    public ImageGraph graph() {
        ImageGraph graph = new ImageGraph();
        try (PreparedStatement images = connection().prepareStatement(
                "SELECT DISTINCT ON (digest) digest, registry, repository FROM image ORDER BY digest, seen_at DESC");
             ResultSet rows = images.executeQuery()) {
            while (rows.next()) {
                graph.add(new ImageNode(rows.getString(1), rows.getString(2) + "/" + rows.getString(3)));
            }
        } catch (SQLException e) {
            throw failure("read images", e);
        }
        try (PreparedStatement edges = connection().prepareStatement(
                "SELECT child_digest, base_digest, reference, final_stage FROM base_edge WHERE base_digest IS NOT NULL");
             ResultSet rows = edges.executeQuery()) {
            while (rows.next()) {
                graph.add(new BaseEdge(rows.getString(1), rows.getString(2), rows.getString(3), rows.getBoolean(4)));
            }
        } catch (SQLException e) {
            throw failure("read base edges", e);
        }
        return graph;
    }

    @Override
    public Map<String, String> heads() {
        Map<String, String> heads = new HashMap<>();
        try (PreparedStatement query = connection().prepareStatement(
                "SELECT registry, repository, digest FROM repository_head");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                heads.put(rows.getString(1) + "/" + rows.getString(2), rows.getString(3));
            }
            return heads;
        } catch (SQLException e) {
            throw failure("read repository heads", e);
        }
    }

    @Override
    public Set<String> digestsOf(String registry, String repository) {
        try (PreparedStatement query = connection().prepareStatement(
                "SELECT digest FROM image WHERE registry = ? AND repository = ?")) {
            query.setString(1, registry);
            query.setString(2, repository);
            Set<String> digests = new TreeSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    digests.add(rows.getString(1));
                }
            }
            return digests;
        } catch (SQLException e) {
            throw failure("read the images of " + repository, e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }

    private Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}

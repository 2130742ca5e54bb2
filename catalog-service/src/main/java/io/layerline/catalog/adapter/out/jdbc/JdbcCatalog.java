package io.layerline.catalog.adapter.out.jdbc;

import io.layerline.catalog.application.Image;
import io.layerline.catalog.application.RepositoryHead;
import io.layerline.catalog.application.RepositoryTag;
import io.layerline.catalog.application.StageBase;
import io.layerline.catalog.application.StoredImage;
import io.layerline.catalog.application.port.Catalog;
import io.layerline.catalog.domain.governance.RepositoryFacts.Staleness;
import io.layerline.catalog.domain.graph.BaseEdge;
import io.layerline.catalog.domain.graph.BaseReference;
import io.layerline.catalog.domain.graph.ImageGraph;
import io.layerline.catalog.domain.graph.ImageNode;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalog in PostgreSQL. The data source joins the caller's transaction; {@link #catchUp} alone reads on a
 * connection of its own, so an in-memory copy never sees what a running transaction may still roll back.
 */
@Singleton
class JdbcCatalog implements Catalog {

    private static final String IMAGE_COLUMNS = "registry, repository, digest, tags, size, layer_count, "
            + "source_repository, source_commit, branch, author, ci_run_url, seen_at";

    private final DataSource dataSource;
    private final DataSource committedReads;

    JdbcCatalog(DataSource dataSource) {
        this.dataSource = dataSource;
        this.committedReads = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Override
    public void record(List<Sighting> images) {
        try (PreparedStatement upsert = dataSource.getConnection().prepareStatement("""
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
                    ci_run_url = coalesce(excluded.ci_run_url, image.ci_run_url),
                    written_in = pg_current_xact_id()""")) {
            for (Sighting sighting : images) {
                Image image = sighting.image();
                upsert.setString(1, image.registry());
                upsert.setString(2, image.repository());
                upsert.setString(3, image.digest());
                upsert.setArray(4, dataSource.getConnection()
                        .createArrayOf("text", image.tags().stream().sorted().toArray()));
                upsert.setObject(5, image.size());
                upsert.setObject(6, image.layerCount());
                upsert.setString(7, image.sourceRepository());
                upsert.setString(8, image.commit());
                upsert.setString(9, image.branch());
                upsert.setString(10, image.author());
                upsert.setString(11, image.ciRunUrl());
                upsert.setTimestamp(12, Timestamp.from(sighting.at()));
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("record " + images.size() + " images", e);
        }
    }

    @Override
    public void recordBases(List<ImageBases> images) {
        try (PreparedStatement upsert = dataSource.getConnection().prepareStatement("""
                INSERT INTO base_edge (child_digest, stage_index, reference, base_digest, final_stage,
                                       base_registry, base_repository, base_tag)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (child_digest, stage_index) DO UPDATE
                SET reference = excluded.reference, base_digest = excluded.base_digest,
                    final_stage = excluded.final_stage, base_registry = excluded.base_registry,
                    base_repository = excluded.base_repository, base_tag = excluded.base_tag,
                    written_in = pg_current_xact_id()""")) {
            for (ImageBases image : images) {
                for (StageBase base : image.bases()) {
                    Optional<BaseReference> parsed = BaseReference.parse(base.reference());
                    upsert.setString(1, image.digest());
                    upsert.setInt(2, base.stageIndex());
                    upsert.setString(3, base.reference());
                    upsert.setString(4, base.digest());
                    upsert.setBoolean(5, base.finalStage());
                    upsert.setString(6, parsed.map(BaseReference::registry).orElse(null));
                    upsert.setString(7, parsed.map(BaseReference::repository).orElse(null));
                    upsert.setString(8, parsed.map(BaseReference::tag).orElse(null));
                    upsert.addBatch();
                }
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("record the bases of " + images.size() + " images", e);
        }
    }

    @Override
    public List<List<TagMove>> moveTags(List<Sighting> images) {
        Map<RepositoryTag, String> current = currentDigests(images.stream()
                .flatMap(sighting -> sighting.image().repositoryTags()).collect(Collectors.toSet()));
        List<List<TagMove>> moves = new ArrayList<>(images.size());
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement(
                "INSERT INTO tag_history (registry, repository, tag, digest, since) VALUES (?, ?, ?, ?, ?)")) {
            for (Sighting sighting : images) {
                String digest = sighting.image().digest();
                List<TagMove> moved = new ArrayList<>();
                for (RepositoryTag tag : sighting.image().repositoryTags()
                        .sorted(Comparator.comparing(RepositoryTag::tag)).toList()) {
                    String previous = current.put(tag, digest);
                    if (digest.equals(previous)) {
                        continue;
                    }
                    insert.setString(1, tag.registry());
                    insert.setString(2, tag.repository());
                    insert.setString(3, tag.tag());
                    insert.setString(4, digest);
                    insert.setTimestamp(5, Timestamp.from(sighting.at()));
                    insert.addBatch();
                    if (previous != null) {
                        moved.add(new TagMove(tag.tag(), previous));
                    }
                }
                moves.add(moved);
            }
            insert.executeBatch();
            return moves;
        } catch (SQLException e) {
            throw Jdbc.failure("move the tags of " + images.size() + " images", e);
        }
    }

    /** The digest each of these tags points at now; tags never seen are left out. */
    private Map<RepositoryTag, String> currentDigests(Set<RepositoryTag> tags) {
        Map<RepositoryTag, String> current = new HashMap<>();
        query(tags, """
                SELECT k.registry, k.repository, k.tag, h.digest
                FROM unnest(?::text[], ?::text[], ?::text[]) AS k (registry, repository, tag)
                CROSS JOIN LATERAL (SELECT digest FROM tag_history t
                                    WHERE t.repository = k.repository AND t.tag = k.tag AND t.registry = k.registry
                                    ORDER BY t.id DESC LIMIT 1) h""",
                (tag, rows) -> current.put(tag, rows.getString(4)));
        return current;
    }

    @Override
    public Set<RepositoryTag> builtOn(Set<RepositoryTag> tags) {
        Set<RepositoryTag> named = new HashSet<>();
        query(tags, """
                SELECT k.registry, k.repository, k.tag
                FROM unnest(?::text[], ?::text[], ?::text[]) AS k (registry, repository, tag)
                WHERE EXISTS (SELECT 1 FROM base_edge e
                              WHERE e.base_repository = k.repository AND e.base_tag = k.tag
                                AND e.base_registry = k.registry)""",
                (tag, rows) -> named.add(tag));
        return named;
    }

    /** What a query keeps of a row about a tag. */
    @FunctionalInterface
    private interface TagRow {
        void accept(RepositoryTag tag, ResultSet rows) throws SQLException;
    }

    /** Runs {@code sql}, which reads the tags as three arrays and answers rows starting with a tag, for each row. */
    private void query(Set<RepositoryTag> tags, String sql, TagRow row) {
        if (tags.isEmpty()) {
            return;
        }
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(sql)) {
            Connection connection = dataSource.getConnection();
            query.setArray(1, connection.createArrayOf("text", tags.stream().map(RepositoryTag::registry).toArray()));
            query.setArray(2, connection.createArrayOf("text", tags.stream().map(RepositoryTag::repository).toArray()));
            query.setArray(3, connection.createArrayOf("text", tags.stream().map(RepositoryTag::tag).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    row.accept(new RepositoryTag(rows.getString(1), rows.getString(2), rows.getString(3)), rows);
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read " + tags.size() + " tags", e);
        }
    }

    @Override
    public void resolveBases(String registry, String repository, Set<String> tags, String digest) {
        if (tags.isEmpty()) {
            return;
        }
        try (PreparedStatement update = dataSource.getConnection().prepareStatement("""
                UPDATE base_edge SET base_digest = ?, written_in = pg_current_xact_id()
                WHERE base_digest IS NULL AND base_repository = ? AND base_tag = ANY (?) AND base_registry = ?""")) {
            update.setString(1, digest);
            update.setString(2, repository);
            update.setArray(3, dataSource.getConnection().createArrayOf("text", tags.toArray()));
            update.setString(4, registry);
            update.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("resolve the bases naming " + repository, e);
        }
    }

    @Override
    public void advanceHeads(List<Sighting> images) {
        try (PreparedStatement upsert = dataSource.getConnection().prepareStatement("""
                INSERT INTO repository_head (registry, repository, digest, since) VALUES (?, ?, ?, ?)
                ON CONFLICT (registry, repository) DO UPDATE
                SET digest = excluded.digest, since = excluded.since, written_in = pg_current_xact_id()
                WHERE repository_head.since <= excluded.since""")) {
            for (Sighting sighting : images) {
                upsert.setString(1, sighting.image().registry());
                upsert.setString(2, sighting.image().repository());
                upsert.setString(3, sighting.image().digest());
                upsert.setTimestamp(4, Timestamp.from(sighting.at()));
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("advance the heads of " + images.size() + " images", e);
        }
    }

    @Override
    public Map<String, StageBase> dependantsOfTag(String registry, String repository, String tag) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT child_digest, stage_index, reference, base_digest, final_stage FROM base_edge
                WHERE base_repository = ? AND base_tag = ? AND base_registry = ?
                ORDER BY child_digest, final_stage""")) {
            query.setString(1, repository);
            query.setString(2, tag);
            query.setString(3, registry);
            Map<String, StageBase> dependants = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    dependants.put(rows.getString(1), new StageBase(rows.getInt(2), rows.getString(3),
                            rows.getString(4), rows.getBoolean(5)));
                }
            }
            return dependants;
        } catch (SQLException e) {
            throw Jdbc.failure("find what builds on " + repository + ":" + tag, e);
        }
    }

    /**
     * Reads in a read-only transaction so that the driver streams rows by the fetch size instead of holding all of
     * them. The watermark is inlined, never bound: a generic plan would scan whole tables for what is usually
     * nothing. Edges are read for every child with a changed edge, all of its stages at once, through the primary
     * key.
     */
    @Override
    public long catchUp(ImageGraph graph, long watermark) {
        String changedEdges = watermark == 0 ? "" : """
                WHERE child_digest = ANY (ARRAY(SELECT DISTINCT child_digest FROM base_edge
                                                WHERE written_in >= '%d'::xid8))""".formatted(watermark);
        try (Connection connection = committedReads.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try {
                long next = single(connection, "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint");
                stream(connection, """
                        SELECT DISTINCT ON (digest) digest, registry || '/' || repository FROM image
                        WHERE written_in >= '%d'::xid8 ORDER BY digest, seen_at""".formatted(watermark),
                        rows -> graph.add(new ImageNode(rows.getString(1), rows.getString(2))));
                ChildBases bases = new ChildBases(graph);
                stream(connection, """
                        SELECT child_digest, base_digest, reference, final_stage FROM base_edge %s
                        ORDER BY child_digest, stage_index""".formatted(changedEdges),
                        rows -> bases.row(rows.getString(1), rows.getString(2), rows.getString(3), rows.getBoolean(4)));
                bases.finish();
                stream(connection, """
                        SELECT registry || '/' || repository, digest FROM repository_head
                        WHERE written_in >= '%d'::xid8""".formatted(watermark),
                        rows -> graph.head(rows.getString(1), rows.getString(2)));
                return next;
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("catch up with the graph", e);
        }
    }

    /** Hands the graph each child's bases as a whole, from rows ordered by child; an unresolved base is left out. */
    private static final class ChildBases {

        private final ImageGraph graph;
        private final List<BaseEdge> edges = new ArrayList<>();
        private String child;

        ChildBases(ImageGraph graph) {
            this.graph = graph;
        }

        void row(String childDigest, String baseDigest, String reference, boolean finalStage) {
            if (!childDigest.equals(child)) {
                finish();
                child = childDigest;
            }
            if (baseDigest != null) {
                edges.add(new BaseEdge(childDigest, baseDigest, reference, finalStage));
            }
        }

        void finish() {
            if (child != null) {
                graph.replaceBases(child, edges);
                edges.clear();
                child = null;
            }
        }
    }

    private interface RowHandler {
        void accept(ResultSet rows) throws SQLException;
    }

    private static void stream(Connection connection, String sql, RowHandler handler) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setFetchSize(10_000);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    handler.accept(rows);
                }
            }
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public List<RepositoryHead> heads() {
        return queryHeads("", List.of());
    }

    @Override
    public Optional<RepositoryHead> head(String registry, String repository) {
        return queryHeads("WHERE h.repository = ? AND h.registry = ?", List.of(repository, registry)).stream()
                .findFirst();
    }

    private List<RepositoryHead> queryHeads(String where, List<String> parameters) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT i.registry, i.repository, i.digest, i.tags, i.size, i.layer_count, i.source_repository,
                       i.source_commit, i.branch, i.author, i.ci_run_url, i.seen_at, e.reference
                FROM repository_head h
                JOIN image i ON i.registry = h.registry AND i.repository = h.repository AND i.digest = h.digest
                LEFT JOIN base_edge e ON e.child_digest = h.digest AND e.final_stage
                """ + where + " ORDER BY h.registry || '/' || h.repository")) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setString(i + 1, parameters.get(i));
            }
            List<RepositoryHead> heads = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    StoredImage image = storedImage(rows);
                    heads.add(new RepositoryHead(image.image().registry(), image.image().repository(), image,
                            rows.getString(13)));
                }
            }
            return heads;
        } catch (SQLException e) {
            throw Jdbc.failure("read repository heads", e);
        }
    }

    @Override
    public List<StoredImage> imagesOf(String digest) {
        return queryImages("WHERE digest = ? ORDER BY registry, repository", List.of(digest), 100);
    }

    @Override
    public List<StoredImage> imagesOf(String registry, String repository, int limit) {
        return queryImages("WHERE repository = ? AND registry = ? ORDER BY seen_at DESC, id DESC",
                List.of(repository, registry), limit);
    }

    @Override
    public List<StoredImage> imagesBuiltFrom(String sourceRepository, String commit, int limit) {
        List<String> conditions = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        if (sourceRepository != null) {
            conditions.add("source_repository = ?");
            parameters.add(sourceRepository);
        }
        if (commit != null) {
            conditions.add("source_commit LIKE ? || '%'");
            parameters.add(commit.replace("%", "").replace("_", ""));
        }
        if (conditions.isEmpty()) {
            return List.of();
        }
        return queryImages("WHERE " + String.join(" AND ", conditions) + " ORDER BY seen_at DESC, id DESC",
                parameters, limit);
    }

    private List<StoredImage> queryImages(String whereAndOrder, List<String> parameters, int limit) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement(
                "SELECT " + IMAGE_COLUMNS + " FROM image " + whereAndOrder + " LIMIT ?")) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setString(i + 1, parameters.get(i));
            }
            query.setInt(parameters.size() + 1, limit);
            List<StoredImage> images = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    images.add(storedImage(rows));
                }
            }
            return images;
        } catch (SQLException e) {
            throw Jdbc.failure("read images", e);
        }
    }

    @Override
    public List<StageBase> basesOf(String digest) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                SELECT stage_index, reference, base_digest, final_stage FROM base_edge WHERE child_digest = ?
                ORDER BY stage_index""")) {
            query.setString(1, digest);
            List<StageBase> bases = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    bases.add(new StageBase(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getBoolean(4)));
                }
            }
            return bases;
        } catch (SQLException e) {
            throw Jdbc.failure("read the bases of " + digest, e);
        }
    }

    @Override
    public Map<String, Staleness> staleness() {
        return stalenessOf(null, null);
    }

    @Override
    public Optional<Staleness> staleness(String registry, String repository) {
        return Optional.ofNullable(stalenessOf(registry, repository).get(registry + "/" + repository));
    }

    /** Staleness by repository name, of one repository's newest image when {@code registry} is given, else of all. */
    private Map<String, Staleness> stalenessOf(String registry, String repository) {
        try (PreparedStatement query = dataSource.getConnection().prepareStatement("""
                WITH used AS (
                    SELECT h.registry || '/' || h.repository AS name, e.base_registry, e.base_repository, e.base_tag,
                           e.base_digest,
                           (SELECT max(t.id) FROM tag_history t
                            WHERE t.repository = e.base_repository AND t.tag = e.base_tag
                              AND t.registry = e.base_registry AND t.digest = e.base_digest) AS used_id
                    FROM repository_head h
                    JOIN base_edge e ON e.child_digest = h.digest AND e.final_stage
                    WHERE e.base_tag IS NOT NULL AND e.base_digest IS NOT NULL
                      AND (?::text IS NULL OR h.registry = ? AND h.repository = ?))
                SELECT u.name, count(*), min(t.since)
                FROM used u
                JOIN tag_history t ON t.repository = u.base_repository AND t.tag = u.base_tag
                                  AND t.registry = u.base_registry AND t.id > u.used_id
                                  AND t.digest <> u.base_digest
                GROUP BY u.name""")) {
            query.setString(1, registry);
            query.setString(2, registry);
            query.setString(3, repository);
            Map<String, Staleness> staleness = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    staleness.put(rows.getString(1), new Staleness(rows.getInt(2),
                            rows.getTimestamp(3).toInstant()));
                }
            }
            return staleness;
        } catch (SQLException e) {
            throw Jdbc.failure("work out stale bases", e);
        }
    }

    private static StoredImage storedImage(ResultSet rows) throws SQLException {
        Array tags = rows.getArray(4);
        return new StoredImage(new Image(rows.getString(1), rows.getString(2), rows.getString(3),
                Set.of((String[]) tags.getArray()), (Long) rows.getObject(5),
                (Integer) rows.getObject(6), rows.getString(7), rows.getString(8), rows.getString(9),
                rows.getString(10), rows.getString(11)), rows.getTimestamp(12).toInstant());
    }
}

package io.layerline.catalog.adapter.out.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.layerline.catalog.domain.graph.ImageGraph;
import io.layerline.localinfra.LocalPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Descendants and impact-with-waves on a large graph, each beside a single indexed primary-key lookup on the same
 * database in the same run, and beside the recursive SQL query the in-memory index replaces (ADR 0007).
 * Not a test: run it with {@code bench/catalog-graph.sh [images]}.
 */
public final class GraphBenchmark {

    private static final String REGISTRY = "harbor.example.com";
    /** Rounds of every measure in turn; the first ones warm the JIT compiler up (7 left it half done). */
    private static final int ROUNDS = 25;
    private static final int WARM_UP_ROUNDS = 5;

    private GraphBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir = Files.createTempDirectory("layerline-bench-");
        try (LocalPostgres postgres = LocalPostgres.start(dir.resolve("postgres"), 0)) {
            postgres.createDatabase("bench");
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(postgres.jdbcUrl("bench") + "?currentSchema=catalog");
            dataSource.setUser(LocalPostgres.USER);
            Flyway.configure().dataSource(dataSource).schemas("catalog").defaultSchema("catalog")
                    .locations("classpath:db/eventing", "classpath:db/migration").load().migrate();

            long loading = System.nanoTime();
            Tree tree = load(dataSource, images);
            System.out.printf("loaded %,d images (%d os, %d runtime, %d tooling, %d app repositories) in %.1f s%n",
                    tree.images, tree.os.size(), tree.runtimes.size(), tree.tooling.size(), tree.apps,
                    (System.nanoTime() - loading) / 1e9);

            HikariDataSource pool = new HikariDataSource();
            pool.setDataSource(dataSource);
            pool.setMaximumPoolSize(2);
            JdbcCatalog catalog = new JdbcCatalog(pool);
            long heapBefore = usedHeap();
            ImageGraph graph = new ImageGraph();
            long indexing = System.nanoTime();
            long watermark = catalog.catchUp(graph, 0);
            System.out.printf("index built from the database in %.2f s (once, at start)%n",
                    (System.nanoTime() - indexing) / 1e9);
            System.out.printf("index holds %.0f MB of heap%n", (usedHeap() - heapBefore) / 1e6);

            String osRoot = REGISTRY + "/" + tree.os.get(0);
            Set<String> osDigests = graph.digestsOf(osRoot);
            String runtime = REGISTRY + "/" + tree.runtimes.get(0);
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement pk = connection.prepareStatement("SELECT digest FROM image WHERE id = ?");
                 PreparedStatement recursive = connection.prepareStatement("""
                         WITH RECURSIVE below(digest) AS (
                             SELECT child_digest FROM base_edge WHERE base_digest = ANY (?)
                             UNION
                             SELECT e.child_digest FROM base_edge e JOIN below b ON e.base_digest = b.digest)
                         SELECT count(*) FROM below""")) {
                Random random = new Random(7);
                Measure lookup = new Measure("primary-key lookup (baseline)", () -> {
                    try {
                        pk.setLong(1, 1 + random.nextInt(tree.images));
                        try (ResultSet rows = pk.executeQuery()) {
                            return rows.next() ? 1 : 0;
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Measure catchUp = new Measure("index catch-up, nothing new", () ->
                        (int) catalog.catchUp(graph, watermark) & 1);
                Measure descendants = new Measure("descendants of an OS repository (index)", () ->
                        graph.descendants(osDigests).size());
                Measure sql = new Measure("descendants of an OS repository (recursive SQL)", () -> {
                    try {
                        recursive.setArray(1, connection.createArrayOf("text", osDigests.toArray()));
                        try (ResultSet rows = recursive.executeQuery()) {
                            rows.next();
                            return rows.getInt(1);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Measure osImpact = new Measure("impact with waves of an OS repository", () ->
                        impactOfRepository(graph, osRoot));
                Measure runtimeImpact = new Measure("impact with waves of a runtime repository", () ->
                        impactOfRepository(graph, runtime));
                List<Measure> measures = List.of(lookup, catchUp, descendants, sql, osImpact, runtimeImpact);
                for (int round = 0; round < ROUNDS; round++) {
                    measures.forEach(Measure::run);
                }
                double baseline = lookup.median();
                for (Measure measure : measures) {
                    System.out.printf("%-50s median %9.3f ms  (result %,7d)  = %,8.0f × the primary-key lookup%n",
                            measure.name, measure.median() / 1e6, measure.result, measure.median() / baseline);
                }
            }
        }
    }

    /** As the catalog's query asks it: the repository's images, then the impact of a change to them. */
    private static int impactOfRepository(ImageGraph graph, String repository) {
        return graph.impactOf(graph.digestsOf(repository), Set.of(repository)).affected().size();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    /** Times one operation over rounds; the warm-up rounds are not counted. */
    private static final class Measure {
        private final String name;
        private final Supplier<Integer> operation;
        private final List<Long> nanos = new ArrayList<>();
        private int result;

        Measure(String name, Supplier<Integer> operation) {
            this.name = name;
            this.operation = operation;
        }

        void run() {
            int repeats = 0;
            long start = System.nanoTime();
            do {
                result = operation.get();
                repeats++;
            } while (System.nanoTime() - start < 50_000_000L && repeats < 10_000);
            nanos.add((System.nanoTime() - start) / repeats);
        }

        double median() {
            long[] counted = nanos.stream().skip(WARM_UP_ROUNDS).mapToLong(Long::longValue).sorted().toArray();
            return counted[counted.length / 2];
        }
    }

    private record Tree(int images, List<String> os, List<String> runtimes, List<String> tooling, int apps) {
    }

    /**
     * Three OS bases with 30 digests each, 12 runtimes with 50, 40 tooling images with 100; the rest are
     * applications with about 100 builds each, each build on a recent tooling digest, some with a builder stage on
     * another tooling image.
     */
    private static Tree load(PGSimpleDataSource dataSource, int images) throws Exception {
        Random random = new Random(42);
        StringBuilder imageRows = new StringBuilder();
        StringBuilder edgeRows = new StringBuilder();
        int[] count = {0};
        List<String> os = names("os/base-", 3);
        List<String> runtimes = names("runtime/lang-", 12);
        List<String> tooling = names("tooling/kit-", 40);
        List<List<String>> osDigests = build(os, 30, List.of(), random, imageRows, edgeRows, count);
        List<List<String>> runtimeDigests = build(runtimes, 50, osDigests, random, imageRows, edgeRows, count);
        List<List<String>> toolingDigests = build(tooling, 100, runtimeDigests, random, imageRows, edgeRows, count);
        int apps = Math.max(1, (images - count[0]) / 100);
        build(names("apps/service-", apps), (images - count[0]) / apps, toolingDigests, random, imageRows, edgeRows,
                count);
        try (Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY image (registry, repository, digest, tags, seen_at) FROM STDIN",
                    new StringReader(imageRows.toString()));
            copy.copyIn("COPY base_edge (child_digest, stage_index, reference, base_digest, final_stage) FROM STDIN",
                    new StringReader(edgeRows.toString()));
            connection.createStatement().execute("""
                    INSERT INTO repository_head (registry, repository, digest, since)
                    SELECT DISTINCT ON (registry, repository) registry, repository, digest, seen_at FROM image
                    ORDER BY registry, repository, seen_at DESC""");
            connection.createStatement().execute("ANALYZE");
        }
        return new Tree(count[0], os, runtimes, tooling, apps);
    }

    /** Builds each repository {@code builds} times, each on a recent digest of a base chosen once per repository. */
    private static List<List<String>> build(List<String> repositories, int builds, List<List<String>> bases,
                                            Random random, StringBuilder imageRows, StringBuilder edgeRows,
                                            int[] count) {
        List<List<String>> digests = new ArrayList<>();
        for (String repository : repositories) {
            List<String> base = bases.isEmpty() ? null : bases.get(random.nextInt(bases.size()));
            List<String> builder = bases.isEmpty() || random.nextInt(3) > 0 ? null
                    : bases.get(random.nextInt(bases.size()));
            List<String> built = new ArrayList<>();
            for (int i = 0; i < builds; i++) {
                String digest = "sha256:" + String.format("%064x", count[0]++);
                built.add(digest);
                imageRows.append(REGISTRY).append('\t').append(repository).append('\t').append(digest)
                        .append("\t{").append(i).append("}\t2026-01-01 00:00:00+00'").append('\n');
                int stage = 0;
                if (builder != null) {
                    edgeRows.append(digest).append('\t').append(stage++).append("\tbuilder\t")
                            .append(recent(builder, i, builds)).append("\tf\n");
                }
                edgeRows.append(digest).append('\t').append(stage).append('\t')
                        .append(base == null ? "scratch" : "base").append('\t')
                        .append(base == null ? "\\N" : recent(base, i, builds)).append("\tt\n");
            }
            digests.add(built);
        }
        return digests;
    }

    /** The base digest current when build {@code i} of {@code builds} ran: bases move on as builds do. */
    private static String recent(List<String> base, int i, int builds) {
        return base.get(Math.min(base.size() - 1, (int) ((long) i * base.size() / Math.max(builds, 1))));
    }

    private static List<String> names(String prefix, int count) {
        return Arrays.asList(java.util.stream.IntStream.range(0, count).mapToObj(i -> prefix + i)
                .toArray(String[]::new));
    }
}

package io.layerline.retention.adapter.out.jdbc;

import io.layerline.localinfra.LocalPostgres;
import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.plan.Planner;
import io.layerline.retention.domain.plan.ProtectionFacts;
import io.layerline.retention.domain.plan.RetentionPlan;
import io.layerline.retention.domain.policy.RetentionPolicy;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Planning over a large inventory, beside the time to merely stream the same inventory rows out of PostgreSQL in
 * the same run. Not a test: run it with {@code bench/retention-planning.sh [artifacts] [repositories]}.
 */
public final class PlanningBenchmark {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private PlanningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int artifacts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repositories = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path dir = Files.createTempDirectory("layerline-bench-");
        try (LocalPostgres postgres = LocalPostgres.start(dir.resolve("postgres"), 0)) {
            postgres.createDatabase("bench");
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(postgres.jdbcUrl("bench") + "?currentSchema=retention");
            dataSource.setUser(LocalPostgres.USER);
            Flyway.configure().dataSource(dataSource).schemas("retention").defaultSchema("retention")
                    .locations("classpath:db/eventing", "classpath:db/migration").load().migrate();

            long loading = System.nanoTime();
            load(dataSource, artifacts, repositories);
            System.out.printf("loaded %,d artifacts in %,d repositories in %.1f s%n", artifacts, repositories,
                    seconds(System.nanoTime() - loading));

            for (int round = 1; round <= 3; round++) {
                long read = stream(dataSource);
                long[] plan = plan(dataSource);
                System.out.printf("round %d: stream rows %.2f s | plan %.2f s (read with protections %.2f s, "
                                + "decide %.2f s) | plan / stream = %.2f%n", round, seconds(read),
                        seconds(plan[0] + plan[1]), seconds(plan[0]), seconds(plan[1]),
                        (double) (plan[0] + plan[1]) / read);
            }
        }
    }

    /** Baseline: every inventory row out of PostgreSQL, each column read, nothing else. */
    private static long stream(PGSimpleDataSource dataSource) throws Exception {
        long start = System.nanoTime();
        long checksum = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement query = connection.createStatement()) {
                query.setFetchSize(5_000);
                try (ResultSet rows = query.executeQuery("""
                        SELECT registry, repository, digest, tags, size, labels, pushed_at, last_deployed_at, immutable
                        FROM artifact WHERE gone_at IS NULL""")) {
                    while (rows.next()) {
                        checksum += rows.getString(1).length() + rows.getString(2).length() + rows.getString(3).length()
                                + ((String[]) rows.getArray(4).getArray()).length + rows.getLong(5)
                                + ((String[]) rows.getArray(6).getArray()).length
                                + (rows.getTimestamp(7) == null ? 0 : 1) + (rows.getTimestamp(8) == null ? 0 : 1)
                                + (rows.getBoolean(9) ? 1 : 0);
                    }
                }
            }
            connection.commit();
        }
        if (checksum == 42) {
            System.out.println();
        }
        return System.nanoTime() - start;
    }

    /** What a plan costs the service: the inventory with where each artifact runs, the protections, the decision. */
    private static long[] plan(PGSimpleDataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            JdbcInventory inventory = new JdbcInventory(new SingleConnectionDataSource(connection));
            long start = System.nanoTime();
            List<Artifact> present = inventory.present(Optional.empty());
            ProtectionFacts facts = inventory.protectionFacts(10);
            long read = System.nanoTime() - start;
            RetentionPolicy policy = RetentionPolicy.defaults("default", "**", "**");
            long deciding = System.nanoTime();
            RetentionPlan plan = Planner.plan(present, repository -> Optional.of(policy), facts, NOW);
            long decide = System.nanoTime() - deciding;
            connection.commit();
            if (plan.deletions().isEmpty()) {
                throw new IllegalStateException("the benchmark inventory should leave something to delete");
            }
            return new long[]{read, decide};
        }
    }

    private static void load(PGSimpleDataSource dataSource, int artifacts, int repositories) throws Exception {
        Random random = new Random(42);
        StringBuilder artifactRows = new StringBuilder();
        StringBuilder running = new StringBuilder();
        StringBuilder rollback = new StringBuilder();
        for (int i = 0; i < artifacts; i++) {
            int repository = i % repositories;
            String digest = String.format("sha256:%064x", i);
            String labels = switch (random.nextInt(10)) {
                case 0, 1 -> "{prod,maybe_prod}";
                case 2, 3, 4 -> "{maybe_prod}";
                default -> "{}";
            };
            Instant pushed = NOW.minus(Duration.ofMinutes(random.nextInt(400 * 24 * 60)));
            String deployed = random.nextInt(10) < 7 ? pushed.plus(Duration.ofHours(random.nextInt(100))).toString() : "\\N";
            artifactRows.append("harbor.example.com\tteam-").append(repository / 100).append("/app-").append(repository)
                    .append('\t').append(digest).append("\t{v").append(i).append("}\t")
                    .append(50_000_000 + random.nextInt(100_000_000)).append('\t').append(labels).append('\t')
                    .append(pushed).append('\t').append(deployed).append('\n');
            if (i < repositories) {
                running.append("svc-").append(repository).append("\tprod\tharbor.example.com\tteam-")
                        .append(repository / 100).append("/app-").append(repository).append('\t').append(digest)
                        .append('\t').append(NOW).append('\n');
            }
            if (i < repositories * 10) {
                rollback.append("svc-").append(repository).append("\tharbor.example.com\tteam-")
                        .append(repository / 100).append("/app-").append(repository).append('\t').append(digest)
                        .append('\t').append(NOW.minus(Duration.ofDays(i / repositories))).append('\n');
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY artifact (registry, repository, digest, tags, size, labels, pushed_at, last_deployed_at) "
                    + "FROM STDIN", new StringReader(artifactRows.toString()));
            copy.copyIn("COPY running (service, environment, registry, repository, digest, since) FROM STDIN",
                    new StringReader(running.toString()));
            copy.copyIn("COPY rollback_history (service, registry, repository, digest, last_deployed_at) FROM STDIN",
                    new StringReader(rollback.toString()));
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE");
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}

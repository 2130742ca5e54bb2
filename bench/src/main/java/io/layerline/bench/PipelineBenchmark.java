package io.layerline.bench;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.layerline.contracts.EventCodec;
import io.layerline.contracts.EventType;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.LayerlineEvent;
import io.layerline.contracts.Topics;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.OciImages;
import io.layerline.testing.Samples;
import io.layerline.testing.ServiceJar;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Events per second through each consuming service — records read from Kafka, decoded and validated, applied with
 * their inbox claim in one transaction, and what they announce written to the outbox and relayed to Kafka — beside two
 * baselines measured afterwards on the same database: an inbox row and a small effect row per event inserted with
 * JDBC batches, and a copy of every row the run left in the service's tables (inbox, effects, outbox) inserted with
 * JDBC batches into empty tables alike — the cheapest way to write what the pipeline wrote. Both sides are warmed up
 * first. The services run from their jars; the figures come from the database's own timestamps, so start-up is not
 * counted. Also prints the CPU time the machine and the service spent per event, each service's start-up time and its
 * resident memory after the run.
 *
 * <p>Usage: {@code PipelineBenchmark <events> [service…]}; a run with 1,000,000 events for catalog and retention is the
 * replay benchmark: everything is on the topics before the service starts, as when it is rebuilt from the beginning.
 * {@code LAYERLINE_BENCH_SERVICE_JAVA_OPTS} is given to the service's JVM, e.g. to record a flight recording of it.
 */
public final class PipelineBenchmark {

    private static final int BATCH = 1000;
    /** As the services create their topics by default. */
    private static final int PARTITIONS = 6;
    /** Rows enough to measure the rate of a commit per row; more only take longer. */
    private static final int PER_EVENT_ROWS = 50_000;
    /**
     * Events a service applies, and rows the baseline inserts, before what is measured: both sides are measured
     * once their code is compiled, not while the JIT compiler is still at work.
     */
    private static final int WARM_UP = 20_000;
    /** Runs of more events than this are not copied row by row: the rows would not fit in memory. */
    private static final int SAME_ROWS_UP_TO = 200_000;

    /** What a service consumes in the benchmark: a topic, a type, its golden sample and the service's schema. */
    private record Consumer(String service, String schema, EventType<?> type, String sample, String digestAt,
                            String repositoryAt) {
    }

    private static final List<Consumer> CONSUMERS = List.of(
            new Consumer("retention-service", "retention", EventTypes.IMAGE_PUSHED, "image-pushed", "/digest",
                    "/repository"),
            new Consumer("catalog-service", "catalog", EventTypes.IMAGE_BUILT, "image-built", "/digest",
                    "/repository"),
            new Consumer("promotion-service", "promotion", EventTypes.DEPLOYMENT_FINISHED, "deployment-finished",
                    "/image/digest", "/image/repository"),
            new Consumer("build-service", "build", EventTypes.REBUILD_REQUESTED, "rebuild-requested",
                    "/currentDigest", "/repository"));

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        Path home = Path.of(System.getProperty("layerline.home", ".")).toAbsolutePath().normalize();
        for (Consumer consumer : CONSUMERS) {
            if (only.isEmpty() || only.stream().anyMatch(consumer.service()::startsWith)) {
                run(home, consumer, events);
            }
        }
        System.exit(0);
    }

    private static void run(Path home, Consumer consumer, int events) throws Exception {
        emptyTopics();
        String database = Infrastructure.newDatabase();
        String run = UUID.randomUUID().toString().substring(0, 8);
        produce(consumer, WARM_UP, "warm-up-" + run);
        long produceStart = System.nanoTime();
        produce(consumer, events, run);
        double produceSeconds = seconds(produceStart);

        String serviceOptions = System.getenv().getOrDefault("LAYERLINE_BENCH_SERVICE_JAVA_OPTS", "");
        Map<String, String> settings = serviceOptions.isBlank() ? Map.of()
                : Map.of("JAVA_TOOL_OPTIONS", serviceOptions);
        try (ServiceJar service = ServiceJar.start(home, consumer.service(), database, settings);
             CpuSamples cpu = new CpuSamples(service)) {
            long deadline = System.currentTimeMillis() + Math.max(600_000L, events * 20L);
            while (applied(database, consumer.schema(), run) < events || unsent(database, consumer.schema()) > 0) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(consumer.service() + " applied only "
                            + applied(database, consumer.schema(), run) + " of " + events);
                }
                Thread.sleep(2_000);
            }
            Span span = span(database, consumer.schema(), run);
            long[] pipelineCpu = cpu.during(span);
            double rate = events / span.seconds();
            System.out.printf("%s, %,d events after %,d to warm up:%n", consumer.service(), events, WARM_UP);
            System.out.printf("  %-40s %6.1f s %,8.0f events/s (all applied after %.1f s)%n", "pipeline",
                    span.seconds(), rate, span.appliedSeconds());
            baseline(database, consumer.schema(), "warm_up", WARM_UP, BATCH);
            long cpuBefore = machineBusyNanos();
            double batched = baseline(database, consumer.schema(), "batched", events, BATCH);
            long baselineCpu = machineBusyNanos() - cpuBefore;
            System.out.printf("  %-40s %6.1f s %,8.0f events/s  ratio %.2f%n", "an inbox and an effect row, batched",
                    batched, events / batched, rate / (events / batched));
            if (events <= SAME_ROWS_UP_TO) {
                double[] copied = copyEveryRow(database, consumer.schema());
                double sameRows = (WARM_UP + events) / copied[0];
                System.out.printf("  %-40s %6.1f s %,8.0f events/s  ratio %.2f%n",
                        String.format("the same %,.0f rows, batched", copied[1]), copied[0], sameRows,
                        rate / sameRows);
            }
            int perEventRows = Math.min(events, PER_EVENT_ROWS);
            System.out.printf("  %-40s          %,8.0f events/s%n", "an inbox and an effect row, a commit each",
                    perEventRows / baseline(database, consumer.schema(), "a_commit_each", perEventRows, 1));
            System.out.printf("  CPU per event %.0f us (the service %.0f us), per batched inbox and effect row %.0f us%n",
                    pipelineCpu[0] / 1e3 / events, pipelineCpu[1] / 1e3 / events, baselineCpu / 1e3 / events);
            System.out.printf("  produced at %,.0f events/s, start-up %,d ms, RSS after %,d MiB%n",
                    events / produceSeconds, service.startupMillis(), service.residentMib());
        }
    }

    /**
     * Creates the consumed topics as the services would (6 partitions) if they are missing, and deletes what earlier
     * runs left on them, so a service reads only its own run's events.
     */
    private static void emptyTopics() throws Exception {
        List<String> topics = List.of(Topics.IMAGES, Topics.DEPLOYMENTS, Topics.PROMOTIONS, Topics.REBUILDS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafka().bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            admin.createTopics(topics.stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, PARTITIONS, (short) 1)).toList()).all().get();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
                    .forEach(partition -> ends.put(new TopicPartition(topic, partition.partition()),
                            OffsetSpec.latest())));
            Map<TopicPartition, RecordsToDelete> everything = new HashMap<>();
            admin.listOffsets(ends).all().get().forEach((partition, end) ->
                    everything.put(partition, RecordsToDelete.beforeOffset(end.offset())));
            admin.deleteRecords(everything).all().get();
        }
    }

    /**
     * Puts {@code events} variations of the sample on the topic, keyed as the services key them: images of 1,000
     * repositories, deployments of 1,000 services (a deployment is keyed by its service).
     */
    private static void produce(Consumer consumer, int events, String run) {
        EventCodec codec = new EventCodec();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                Map<String, String> changes = new HashMap<>(Map.of(
                        consumer.digestAt(), OciImages.sha256((run + "-" + i).getBytes(StandardCharsets.UTF_8)),
                        consumer.repositoryAt(), "bench-" + run + "/app-" + (i % 1000)));
                if (consumer.type() == EventTypes.DEPLOYMENT_FINISHED) {
                    changes.put("/deploymentId", "bench-" + run + "-" + i);
                    changes.put("/service", "app-" + (i % 1000));
                }
                LayerlineEvent payload = Samples.event(consumer.type(), consumer.sample(), changes);
                byte[] data = codec.toJson(payload);
                var event = CloudEventBuilder.v1()
                        .withId("bench-" + run + "-" + i)
                        .withSource(URI.create("/layerline/bench"))
                        .withType(consumer.type().ceType())
                        .withTime(Instant.now().atOffset(ZoneOffset.UTC))
                        .withData(EventCodec.CONTENT_TYPE, data)
                        .build();
                producer.send(KafkaMessageFactory.createWriter(consumer.type().topic(), payload.partitionKey())
                        .writeBinary(event));
            }
            producer.flush();
        }
    }

    private static long applied(String database, String schema, String run) throws SQLException {
        return count(database, "SELECT count(*) FROM " + schema + ".inbox WHERE event_id LIKE 'bench-" + run + "-%'");
    }

    private static long unsent(String database, String schema) throws SQLException {
        return count(database, "SELECT count(*) FROM " + schema + ".outbox WHERE sent_at IS NULL");
    }

    /** When, by the database's clock in epoch milliseconds, the first event was applied, the last, and the last relayed. */
    private record Span(long start, long applied, long end) {

        double seconds() {
            return (end - start) / 1000.0;
        }

        double appliedSeconds() {
            return (applied - start) / 1000.0;
        }
    }

    private static Span span(String database, String schema, String run) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT extract(epoch FROM min(i.processed_at)) * 1000,"
                     + " extract(epoch FROM max(i.processed_at)) * 1000,"
                     + " extract(epoch FROM greatest(max(i.processed_at), (SELECT coalesce(max(sent_at),"
                     + " max(i.processed_at)) FROM " + schema + ".outbox))) * 1000 FROM " + schema
                     + ".inbox i WHERE i.event_id LIKE 'bench-" + run + "-%'")) {
            row.next();
            return new Span(row.getLong(1), row.getLong(2), row.getLong(3));
        }
    }

    /**
     * The machine's busy CPU time (all processes: the service, PostgreSQL, the broker) and the service's, sampled
     * every 100 ms, to read back for a span measured by the clock.
     */
    private static final class CpuSamples implements AutoCloseable {

        private record Sample(long epochMillis, long machineNanos, long serviceNanos) {
        }

        private final List<Sample> samples = new CopyOnWriteArrayList<>();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        CpuSamples(ServiceJar service) {
            timer.scheduleAtFixedRate(() -> samples.add(new Sample(System.currentTimeMillis(), machineBusyNanos(),
                    service.cpuTime().toNanos())), 0, 100, TimeUnit.MILLISECONDS);
        }

        /** Nanoseconds of CPU the machine and the service used in the span. */
        long[] during(Span span) {
            Sample from = at(span.start());
            Sample to = at(span.end());
            return new long[]{to.machineNanos() - from.machineNanos(), to.serviceNanos() - from.serviceNanos()};
        }

        /** The last sample taken at or before the instant. */
        private Sample at(long epochMillis) {
            Sample found = samples.get(0);
            for (Sample sample : samples) {
                if (sample.epochMillis() <= epochMillis) {
                    found = sample;
                }
            }
            return found;
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    /** The CPU time all processes have used since boot, from {@code /proc/stat} (user, nice, system, irq, softirq). */
    private static long machineBusyNanos() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = 0;
            for (int field : new int[]{1, 2, 3, 6, 7, 8}) {
                ticks += Long.parseLong(fields[field]);
            }
            return ticks * 10_000_000L;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Seconds to insert {@code rows} inbox rows and as many effect rows into new tables named after {@code name} on
     * the same database, {@code batch} pairs per JDBC batch and transaction.
     */
    private static double baseline(String database, String schema, String name, int rows, int batch)
            throws SQLException {
        String suffix = "_" + name;
        try (Connection connection = connect(database)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + schema + ".baseline_inbox" + suffix + " (LIKE " + schema
                        + ".inbox INCLUDING ALL)");
                statement.execute("CREATE TABLE " + schema + ".baseline_effect" + suffix + " (id bigserial PRIMARY KEY,"
                        + " digest text NOT NULL, payload jsonb NOT NULL)");
            }
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement inbox = connection.prepareStatement("INSERT INTO " + schema + ".baseline_inbox"
                    + suffix + " (consumer, ce_source, event_id, ce_type, topic, kafka_partition, kafka_offset)"
                    + " VALUES ('bench', '/layerline/bench', ?, 'bench', 'bench', 0, ?)");
                 PreparedStatement effect = connection.prepareStatement("INSERT INTO " + schema
                         + ".baseline_effect" + suffix + " (digest, payload) VALUES (?, ?::jsonb)")) {
                for (int i = 0; i < rows; i++) {
                    inbox.setString(1, "baseline-" + i);
                    inbox.setLong(2, i);
                    inbox.addBatch();
                    effect.setString(1, OciImages.sha256(("baseline-" + i).getBytes(StandardCharsets.UTF_8)));
                    effect.setString(2, "{\"n\": " + i + "}");
                    effect.addBatch();
                    if ((i + 1) % batch == 0 || i == rows - 1) {
                        inbox.executeBatch();
                        effect.executeBatch();
                        connection.commit();
                    }
                }
            }
            return seconds(start);
        }
    }

    /**
     * Seconds to insert a copy of every row the run left in the service's tables — inbox, effects, outbox, of the
     * warm-up and the measured events — into empty tables alike, with JDBC batches of {@link #BATCH} rows and a commit
     * each, and the number of rows: the cheapest way to write what the pipeline wrote.
     */
    private static double[] copyEveryRow(String database, String schema) throws SQLException {
        try (Connection connection = connect(database)) {
            Map<String, List<Object[]>> rows = new LinkedHashMap<>();
            Map<String, Integer> columns = new HashMap<>();
            try (Statement statement = connection.createStatement();
                 ResultSet tables = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '"
                         + schema + "' AND tablename <> 'flyway_schema_history' AND tablename NOT LIKE 'baseline_%'"
                         + " ORDER BY tablename")) {
                while (tables.next()) {
                    rows.put(tables.getString(1), new ArrayList<>());
                }
            }
            long total = 0;
            for (Map.Entry<String, List<Object[]>> table : rows.entrySet()) {
                try (Statement statement = connection.createStatement();
                     ResultSet result = statement.executeQuery("SELECT * FROM " + schema + "." + table.getKey())) {
                    int width = result.getMetaData().getColumnCount();
                    columns.put(table.getKey(), width);
                    while (result.next()) {
                        Object[] row = new Object[width];
                        for (int i = 0; i < width; i++) {
                            row[i] = result.getObject(i + 1);
                        }
                        table.getValue().add(row);
                    }
                    total += table.getValue().size();
                }
            }
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String table : rows.keySet()) {
                    statement.execute("CREATE TABLE " + schema + ".copy_" + table + " (LIKE " + schema + "." + table
                            + " INCLUDING ALL)");
                }
            }
            connection.commit();
            long start = System.nanoTime();
            for (Map.Entry<String, List<Object[]>> table : rows.entrySet()) {
                int width = columns.get(table.getKey());
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema + ".copy_"
                        + table.getKey() + " VALUES (" + String.join(", ", Collections.nCopies(width, "?")) + ")")) {
                    List<Object[]> values = table.getValue();
                    for (int r = 0; r < values.size(); r++) {
                        for (int i = 0; i < width; i++) {
                            insert.setObject(i + 1, values.get(r)[i]);
                        }
                        insert.addBatch();
                        if ((r + 1) % BATCH == 0 || r == values.size() - 1) {
                            insert.executeBatch();
                            connection.commit();
                        }
                    }
                }
            }
            return new double[]{seconds(start), total};
        }
    }

    private static long count(String database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(database, "postgres", "");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}

package io.layerline.testing;

import io.layerline.localinfra.LocalKafka;
import io.layerline.localinfra.LocalPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Kafka broker and PostgreSQL server of this test JVM, started on first use and stopped when the JVM exits.
 * Each test context gets its own database, so contexts never see each other's rows.
 */
public final class Infrastructure {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Path workDir;
    private static LocalKafka kafka;
    private static LocalPostgres postgres;

    private Infrastructure() {
    }

    public static synchronized LocalKafka kafka() {
        if (kafka == null) {
            kafka = LocalKafka.start(workDir().resolve("kafka"), 0);
        }
        return kafka;
    }

    public static synchronized LocalPostgres postgres() {
        if (postgres == null) {
            postgres = LocalPostgres.start(workDir().resolve("postgres"), 0);
        }
        return postgres;
    }

    /** A new, empty database; its JDBC URL. */
    public static String newDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        postgres().createDatabase(name);
        return postgres().jdbcUrl(name);
    }

    /**
     * The properties a Layerline service needs to run against this JVM's servers, with a database and a consumer
     * group of its own (so it reads the topics from their start and never waits on another context's members):
     * pass them from a {@code TestPropertyProvider}.
     */
    public static Map<String, String> serviceProperties() {
        return Map.of(
                "kafka.bootstrap.servers", kafka().bootstrapServers(),
                "layerline.eventing.consumer-group", "test-" + ProcessHandle.current().pid() + "-"
                        + DATABASES.incrementAndGet(),
                "datasources.default.url", newDatabase(),
                "datasources.default.username", LocalPostgres.USER,
                "datasources.default.password", "",
                "micronaut.server.port", "-1",
                "layerline.security.tokens", ApiTokens.configuration());
    }

    /** A directory for this JVM's test data, deleted with it. */
    public static synchronized Path workDir() {
        if (workDir == null) {
            try {
                workDir = Files.createTempDirectory("layerline-test-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(Infrastructure::stopAll, "stop-test-servers"));
        }
        return workDir;
    }

    /** Servers go down in reverse order of need: the registry and engine, then the broker, the database, the data. */
    private static synchronized void stopAll() {
        Registries.stop();
        DockerEngines.stop();
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
        deleteRecursively(workDir);
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: it is a temporary directory, and a stopping server may still remove files from it
        }
    }
}

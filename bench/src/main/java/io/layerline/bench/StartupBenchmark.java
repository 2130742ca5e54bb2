package io.layerline.bench;

import io.layerline.localinfra.Ports;
import io.layerline.localinfra.ServiceJvm;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.ServiceJar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Each service's start-up — from {@code java -jar} to its health answering UP, Kafka and PostgreSQL running, its
 * schema already migrated — and its resident memory once it idles, started as {@code ./layerline up} starts it
 * ({@link ServiceJvm#OPTIONS} and the class-data archive made by a training run at the start of this one), beside
 * the baseline: the JVM options of the earlier releases ({@code -Xmx384m -XX:+UseSerialGC}) and no archive. Each
 * figure is the median of as many starts, one service at a time, the two ways taken in turn. Then {@code ./layerline
 * up} itself, from the command to its "Layerline is up" (PostgreSQL, Kafka, the registry and the Docker API started
 * in a new data directory, then the four services together), the baseline's way and the way it runs now.
 *
 * <p>Usage: {@code StartupBenchmark [starts=5] [service…]}.
 */
public final class StartupBenchmark {

    private static final List<String> BASELINE = List.of("-Xmx384m", "-XX:+UseSerialGC");
    private static final List<String> SERVICES = List.of("build-service", "promotion-service", "retention-service",
            "catalog-service");
    /** How long a started service is left alone before its memory is read: its start-up work done, nothing to do. */
    private static final long SETTLE_MILLIS = 10_000;

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int starts = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        Path home = Path.of(System.getProperty("layerline.home", ".")).toAbsolutePath().normalize();
        Infrastructure.kafka();
        System.out.printf("%-18s | %-27s | %-27s | %s%n", "service", "start-up: baseline → now",
                "idle RSS: baseline → now", "archive");
        for (String service : SERVICES) {
            if (only.isEmpty() || only.stream().anyMatch(service::startsWith)) {
                run(home, service, starts);
            }
        }
        if (only.isEmpty()) {
            long baseline = withoutArchives(home, () -> up(home, Map.of("LAYERLINE_JAVA_OPTS",
                    String.join(" ", BASELINE))));
            long now = up(home, Map.of());
            System.out.printf("%-18s | %,9d ms → %,6d ms (%.2f)%n", "./layerline up", baseline, now,
                    (double) now / baseline);
        }
        System.exit(0);
    }

    /** {@code ./layerline up} on free ports and a data directory of its own: from the command to all four UP. */
    private static long up(Path home, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("layerline").toString(), "up")
                .directory(home.toFile()).redirectErrorStream(true);
        for (String name : List.of("BUILD", "PROMOTION", "RETENTION", "CATALOG", "KAFKA", "POSTGRES", "REGISTRY")) {
            builder.environment().put("LAYERLINE_" + name + "_PORT", String.valueOf(Ports.free()));
        }
        builder.environment().put("LAYERLINE_DATA_DIR", Files.createTempDirectory("layerline-bench-up-").toString());
        builder.environment().put("LAYERLINE_NO_BUILD", "1");
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("Layerline is up")) {
                output.append(line).append('\n');
            }
            if (line == null) {
                throw new IllegalStateException("./layerline up did not come up:\n" + output);
            }
            return (System.nanoTime() - started) / 1_000_000;
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** What {@code work} gives with the services' archives set aside, as on a checkout that has none. */
    private static long withoutArchives(Path home, Measure work) throws IOException, InterruptedException {
        List<Path> archives = SERVICES.stream().map(service -> ServiceJvm.of(jar(home, service)).archive())
                .filter(Files::isRegularFile).toList();
        for (Path archive : archives) {
            Files.move(archive, archive.resolveSibling(archive.getFileName() + ".aside"));
        }
        try {
            return work.run();
        } finally {
            for (Path archive : archives) {
                Files.move(archive.resolveSibling(archive.getFileName() + ".aside"), archive);
            }
        }
    }

    private interface Measure {
        long run() throws IOException, InterruptedException;
    }

    private static Path jar(Path home, String service) {
        return home.resolve(service).resolve("target").resolve(service + ".jar");
    }

    private static void run(Path home, String service, int starts) throws InterruptedException {
        String database = Infrastructure.newDatabase();
        ServiceJar.start(home, service, database, Map.of(), jvm -> jvm.trainingCommand(ServiceJvm.OPTIONS)).close();
        ServiceJvm jvm = ServiceJvm.of(jar(home, service));
        if (!jvm.keep()) {
            throw new IllegalStateException(service + "'s training run wrote no archive");
        }
        List<long[]> baseline = new ArrayList<>();
        List<long[]> now = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            baseline.add(start(home, service, database, candidate -> candidate.commandWithoutArchive(BASELINE)));
            now.add(start(home, service, database, candidate -> candidate.command(ServiceJvm.OPTIONS)));
        }
        System.out.printf("%-18s | %,9d ms → %,6d ms (%.2f) | %,6d MiB → %,6d MiB (%.2f) | %,d MiB%n", service,
                median(baseline, 0), median(now, 0), (double) median(now, 0) / median(baseline, 0),
                median(baseline, 1), median(now, 1), (double) median(now, 1) / median(baseline, 1),
                jvm.archive().toFile().length() >> 20);
    }

    /** One start: its start-up in milliseconds and its resident memory once settled, in MiB. */
    private static long[] start(Path home, String service, String database,
                                Function<ServiceJvm, List<String>> command) throws InterruptedException {
        try (ServiceJar jar = ServiceJar.start(home, service, database, Map.of(), command)) {
            Thread.sleep(SETTLE_MILLIS);
            return new long[] {jar.startupMillis(), jar.residentMib()};
        }
    }

    private static long median(List<long[]> samples, int index) {
        List<Long> values = new ArrayList<>(samples.stream().map(sample -> sample[index]).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }
}

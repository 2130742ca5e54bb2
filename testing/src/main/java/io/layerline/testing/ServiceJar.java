package io.layerline.testing;

import io.layerline.localinfra.ChildProcess;
import io.layerline.localinfra.LocalPostgres;
import io.layerline.localinfra.Ports;
import io.layerline.localinfra.ServiceJvm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A service run from its jar, as it is deployed, against this JVM's Kafka and PostgreSQL. */
public final class ServiceJar implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ChildProcess process;
    private final URI base;
    private final long startupMillis;
    private final Map<String, String> settings;

    private ServiceJar(ChildProcess process, URI base, long startupMillis, Map<String, String> settings) {
        this.process = process;
        this.base = base;
        this.startupMillis = startupMillis;
        this.settings = Map.copyOf(settings);
    }

    /**
     * Starts {@code <service>/target/<service>.jar} of the project at {@code home} on {@code jdbcUrl} with a consumer
     * group of its own (unless {@code settings} name one), accepting {@link ApiTokens}, with {@code settings} added to
     * its environment, and waits until its health answers UP. A service still running when this JVM exits dies with
     * it, so an interrupted test or benchmark leaves no process behind. Its JVM runs as {@code ./layerline up} runs it.
     */
    public static ServiceJar start(Path home, String service, String jdbcUrl, Map<String, String> settings) {
        return start(home, service, jdbcUrl, settings, jvm -> jvm.command(ServiceJvm.OPTIONS));
    }

    /** {@link #start(Path, String, String, Map)} with the JVM's command given: to compare options, or to train it. */
    public static ServiceJar start(Path home, String service, String jdbcUrl, Map<String, String> settings,
                                   Function<ServiceJvm, List<String>> command) {
        int port = Ports.free();
        Map<String, String> environment = new HashMap<>(Map.of(
                "LAYERLINE_PORT", String.valueOf(port),
                "LAYERLINE_DATABASE_URL", jdbcUrl,
                "LAYERLINE_DATABASE_USER", LocalPostgres.USER,
                "LAYERLINE_KAFKA_BOOTSTRAP_SERVERS", Infrastructure.kafka().bootstrapServers(),
                "LAYERLINE_EVENTING_CONSUMER_GROUP", "bench-" + service + "-" + port,
                "LAYERLINE_SECURITY_TOKENS", ApiTokens.configuration()));
        environment.putAll(settings);
        Path jar = home.resolve(service).resolve("target").resolve(service + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw install -DskipTests first");
        }
        long started = System.nanoTime();
        ChildProcess process = ChildProcess.start(service, command.apply(ServiceJvm.of(jar)), environment, home,
                Infrastructure.workDir().resolve(service + "-" + port + ".log"));
        Runtime.getRuntime().addShutdownHook(new Thread(process::kill, "kill-" + service + "-" + port));
        URI base = URI.create("http://127.0.0.1:" + port);
        long deadline = System.currentTimeMillis() + 120_000;
        while (!healthy(base)) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                String tail = process.tail(40);
                process.close();
                throw new IllegalStateException(service + " did not start:\n" + tail);
            }
            sleep(50);
        }
        return new ServiceJar(process, base, (System.nanoTime() - started) / 1_000_000, settings);
    }

    public URI base() {
        return base;
    }

    /** What was added to its environment: start another instance the same way with them. */
    public Map<String, String> settings() {
        return settings;
    }

    /** From the start of the JVM until its health answered UP. */
    public long startupMillis() {
        return startupMillis;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public void kill() {
        process.kill();
    }

    /** The process's resident memory now, in MiB, as the kernel counts it. */
    public long residentMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the memory of " + process.name(), e);
        }
        throw new IllegalStateException("no VmRSS for " + process.name());
    }

    /** The CPU time the process has used so far, all its threads together. */
    public Duration cpuTime() {
        return ProcessHandle.of(process.pid()).flatMap(handle -> handle.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("no CPU time for " + process.name()));
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }

    private static boolean healthy(URI base) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.layerline.launcher;

import io.layerline.localinfra.ChildProcess;
import io.layerline.localinfra.LocalDockerEngine;
import io.layerline.localinfra.LocalKafka;
import io.layerline.localinfra.LocalPostgres;
import io.layerline.localinfra.LocalRegistry;
import io.layerline.localinfra.ServiceJvm;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * {@code ./layerline up}: PostgreSQL and Kafka in this process, a registry and a Docker API endpoint where this
 * machine has them, then each service as a child JVM. SIGTERM or Ctrl-C stops the services first, then the
 * servers, so nothing is left behind and no client waits for a broker that is gone. {@code train} does the same once
 * with each service's JVM writing its class-data archive, stopping it when it is up ({@link ServiceJvm}).
 */
public final class Launcher {

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(120);
    private static final String DATABASE = "layerline";

    private final Settings settings;
    private final PrintStream out;
    private final List<AutoCloseable> started = new CopyOnWriteArrayList<>();
    private final List<ChildProcess> services = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    Launcher(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length != 1 || !List.of("up", "train", "demo").contains(args[0])) {
            System.err.println("usage: Launcher up|train|demo   (see ./layerline help)");
            System.exit(2);
        }
        Settings settings;
        try {
            settings = Settings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("layerline: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (args[0].equals("demo")) {
            try {
                Demo.from(settings, LocalToken.ADMIN.existing(settings.dataDir()).orElse(null),
                        LocalToken.INGRESS.existing(settings.dataDir()).orElse(null), System.out).run();
                return;
            } catch (RuntimeException e) {
                System.err.println("layerline: the demo stopped: " + e.getMessage());
                System.exit(1);
            }
        }
        Launcher launcher = new Launcher(settings, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "layerline-stop"));
        try {
            if (args[0].equals("train")) {
                launcher.train();
                return;
            }
            launcher.up();
        } catch (RuntimeException e) {
            System.err.println("layerline: " + e.getMessage());
            launcher.stop();
            System.exit(1);
        }
        launcher.watch();
    }

    /** The run's admin token for the services, by its hash, after the tokens configured beside it, if any. */
    private static String adminTokens(String admin) {
        String configured = System.getenv().getOrDefault("LAYERLINE_SECURITY_TOKENS", "").strip();
        String local = "local-admin:admin:" + LocalToken.sha256(admin);
        return configured.isEmpty() ? local : configured + "," + local;
    }

    void up() {
        Map<String, String> environment = servers();
        for (Settings.Service service : settings.processes()) {
            if (stopping) {
                return;
            }
            services.add(startService(service, environment, jvm -> jvm.command(settings.javaOpts())));
        }
        awaitHealthy();
        out.println();
        out.println("Layerline is up:");
        for (Settings.Service service : settings.services()) {
            out.printf("  %-18s http://localhost:%d   (health /health, metrics /prometheus, API /swagger/%s-v1.yml)%n",
                    service.name(), service.port(), service.name());
        }
        settings.services().stream().filter(service -> service.name().equals("build-service")).findFirst()
                .ifPresent(build -> out.println("Harbor webhook policy: endpoint http://<this host>:" + build.port()
                        + "/api/v1/webhooks/harbor, Auth Header: the secret in "
                        + LocalToken.HARBOR_WEBHOOK.file(settings.dataDir()) + " (see build-service/README.md)"));
        out.printf("%nConsole: http://localhost:%d   (sign in with the API token above)%n", settings.console().port());
        out.println("Logs in " + settings.dataDir().resolve("logs") + ". Stop with Ctrl-C.");
    }

    /** Runs the suite until every service is up, each JVM writing what it loaded, then stops it and keeps that. */
    void train() {
        out.println("Making the services' class-data archives (a first start, then a stop)…");
        Map<String, String> environment = servers();
        for (Settings.Service service : settings.processes()) {
            services.add(startService(service, environment, jvm -> jvm.trainingCommand(settings.javaOpts())));
        }
        awaitHealthy();
        stop();
        for (Settings.Service service : settings.processes()) {
            ServiceJvm jvm = ServiceJvm.of(service.jar(settings.home()));
            if (!jvm.keep()) {
                throw new IllegalStateException(service.name() + " wrote no class-data archive; see "
                        + settings.dataDir().resolve("logs").resolve(service.name() + ".log"));
            }
            out.println("  " + jvm.archive());
        }
    }

    /** Starts the servers the services need; the environment that tells the services where they are. */
    private Map<String, String> servers() {
        for (Settings.Service service : settings.processes()) {
            if (!Files.isRegularFile(service.jar(settings.home()))) {
                throw new IllegalStateException(service.jar(settings.home()) + " is missing: build with ./layerline build");
            }
        }
        Path data = settings.dataDir();
        lock(data);
        out.println("Layerline data in " + data);

        LocalPostgres postgres = LocalPostgres.start(data.resolve("postgres"), settings.postgresPort());
        started.add(postgres);
        postgres.createDatabase(DATABASE);
        out.println("  PostgreSQL   " + postgres.jdbcUrl(DATABASE));

        LocalKafka kafka = LocalKafka.start(data.resolve("kafka"), settings.kafkaPort());
        started.add(kafka);
        out.println("  Kafka        " + kafka.bootstrapServers());

        Map<String, String> environment = new HashMap<>();
        environment.put("LAYERLINE_DATABASE_URL", postgres.jdbcUrl(DATABASE));
        environment.put("LAYERLINE_DATABASE_USER", LocalPostgres.USER);
        environment.put("LAYERLINE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.putAll(settings.consoleUpstreams());
        environment.put(LocalToken.INGRESS.variable(), LocalToken.INGRESS.obtain(data));
        out.println("  CI token     in " + LocalToken.INGRESS.file(data) + " (or " + LocalToken.INGRESS.variable() + ")");
        environment.put(LocalToken.HARBOR_WEBHOOK.variable(), LocalToken.HARBOR_WEBHOOK.obtain(data));
        out.println("  Harbor hook  in " + LocalToken.HARBOR_WEBHOOK.file(data) + " (or "
                + LocalToken.HARBOR_WEBHOOK.variable() + "): the Auth Header of the webhook policy");
        String admin = LocalToken.ADMIN.obtain(data);
        environment.put("LAYERLINE_SECURITY_TOKENS", adminTokens(admin));
        out.println("  API token    " + admin + "  (admin; in " + LocalToken.ADMIN.file(data) + ", or "
                + LocalToken.ADMIN.variable() + ")");
        if (System.getenv("LAYERLINE_BUILD_GATE_CATALOG_URL") == null) {
            // every build asks the local catalog's quality gate first (docs/gates.md)
            environment.put("LAYERLINE_BUILD_GATE_CATALOG_URL", settings.catalogUrl());
            environment.put("LAYERLINE_BUILD_GATE_TOKEN", admin);
        }
        Optional<URI> registry = optionalRegistry(data);
        registry.ifPresent(url -> {
            environment.put("LAYERLINE_REGISTRY_URL", url.toString());
            environment.put("LAYERLINE_PROMOTION_REGISTRY_TYPE", "oci");
            environment.put("LAYERLINE_RETENTION_REGISTRY_TYPE", "oci");
        });
        List<String> plainHttpRegistries = registry.map(url -> List.of(url.getAuthority())).orElse(List.of());
        optionalDockerHost(data, plainHttpRegistries).ifPresent(dockerHost -> environment.put("DOCKER_HOST",
                dockerHost));
        return environment;
    }

    private ChildProcess startService(Settings.Service service, Map<String, String> shared,
                                      Function<ServiceJvm, List<String>> command) {
        Map<String, String> environment = new HashMap<>(shared);
        environment.put("LAYERLINE_PORT", String.valueOf(service.port()));
        return ChildProcess.start(service.name(), command.apply(ServiceJvm.of(service.jar(settings.home()))),
                environment, settings.home(), settings.dataDir().resolve("logs").resolve(service.name() + ".log"));
    }

    private Optional<URI> optionalRegistry(Path data) {
        if (LocalRegistry.binary().isEmpty()) {
            out.println("  Registry     off: no '" + LocalRegistry.BINARY + "' on PATH (" + LocalRegistry.INSTALL
                    + "); builds cannot push");
            return Optional.empty();
        }
        LocalRegistry registry = LocalRegistry.start(data.resolve("registry"), settings.registryPort());
        started.add(registry);
        out.println("  Registry     " + registry.url());
        return Optional.of(registry.url());
    }

    private Optional<String> optionalDockerHost(Path data, List<String> plainHttpRegistries) {
        String configured = System.getenv("DOCKER_HOST");
        if (configured != null && !configured.isBlank()) {
            out.println("  Docker API   " + configured + " (DOCKER_HOST)");
            return Optional.of(configured);
        }
        if (LocalDockerEngine.podman().isEmpty()) {
            out.println("  Docker API   off: DOCKER_HOST is unset and podman is not on PATH (" + LocalDockerEngine.INSTALL
                    + "); builds are disabled");
            return Optional.empty();
        }
        LocalDockerEngine engine = LocalDockerEngine.start(data.resolve("podman"), plainHttpRegistries);
        started.add(engine);
        out.println("  Docker API   " + engine.dockerHost() + " (podman)");
        return Optional.of(engine.dockerHost());
    }

    private void awaitHealthy() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(HEALTH_TIMEOUT);
        for (int i = 0; i < services.size(); i++) {
            ChildProcess process = services.get(i);
            URI health = URI.create("http://127.0.0.1:" + settings.processes().get(i).port() + "/health");
            while (!Health.isUp(client, health)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(process.name() + " exited while starting; the end of "
                            + process.log() + ":\n" + process.tail(30));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(process.name() + " was not healthy within " + HEALTH_TIMEOUT
                            + "; see " + process.log());
                }
                pause(Duration.ofMillis(250));
            }
        }
    }

    /** Reports a service that dies, until the launcher is stopped. */
    private void watch() {
        List<ChildProcess> reported = new ArrayList<>();
        while (!stopping) {
            for (ChildProcess service : services) {
                if (!service.isAlive() && !reported.contains(service) && !stopping) {
                    reported.add(service);
                    System.err.println("layerline: " + service.name() + " stopped unexpectedly; the end of "
                            + service.log() + ":\n" + service.tail(20));
                }
            }
            pause(Duration.ofSeconds(1));
        }
    }

    synchronized void stop() {
        if (stopping && services.isEmpty() && started.isEmpty()) {
            return;
        }
        stopping = true;
        if (!services.isEmpty()) {
            out.println("Stopping Layerline…");
        }
        services.parallelStream().forEach(service -> service.stop(Duration.ofSeconds(20)));
        services.clear();
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("layerline: " + e.getMessage());
            }
        }
        started.clear();
        out.println("Layerline stopped.");
    }

    private void lock(Path data) {
        try {
            Files.createDirectories(data);
            FileChannel channel = FileChannel.open(data.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another ./layerline up is using " + data);
            }
            started.add(channel);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use " + data + ": " + e.getMessage(), e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.layerline.deploy;

import io.layerline.launcher.Demo;
import io.layerline.launcher.Health;
import io.layerline.launcher.LocalToken;
import io.layerline.localinfra.Ports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** The whole suite as {@code ./layerline up} starts it, on free ports, for tests that need every service. */
final class Suite implements AutoCloseable {

    static final List<String> SERVICES = List.of("build", "promotion", "retention", "catalog");

    private final Path home = Path.of(System.getenv().getOrDefault("LAYERLINE_HOME", "..")).toAbsolutePath();
    private final Map<String, Integer> ports = Map.of(
            "build", Ports.free(), "promotion", Ports.free(), "retention", Ports.free(), "catalog", Ports.free(),
            "console", Ports.free(), "kafka", Ports.free(), "postgres", Ports.free(), "registry", Ports.free());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path data;
    private final Process process;

    private Suite(Path data, Map<String, String> environment) throws IOException {
        this.data = data;
        ProcessBuilder builder = new ProcessBuilder(home.resolve("layerline").toString(), "up")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(data.resolve("up.out").toFile());
        ports.forEach((name, port) -> builder.environment().put("LAYERLINE_" + name.toUpperCase() + "_PORT",
                String.valueOf(port)));
        builder.environment().put("LAYERLINE_DATA_DIR", data.toString());
        builder.environment().put("LAYERLINE_NO_BUILD", "1");
        builder.environment().remove("DOCKER_HOST");
        builder.environment().putAll(environment);
        this.process = builder.start();
    }

    static Suite start() throws IOException {
        return start(Map.of());
    }

    /** @param environment settings for the services beyond what {@code ./layerline up} gives them */
    static Suite start(Map<String, String> environment) throws IOException {
        Suite suite = new Suite(Files.createTempDirectory("layerline-suite-"), environment);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!suite.process.isAlive()) {
                throw new IllegalStateException("./layerline up exited:\n" + Files.readString(suite.data
                        .resolve("up.out")));
            }
            return SERVICES.stream().allMatch(suite::healthy);
        });
        return suite;
    }

    /** The suite's endpoints as the demo feed needs them. */
    Demo.Endpoints endpoints() throws IOException {
        return new Demo.Endpoints(url("build", ""), url("promotion", ""), url("retention", ""), url("catalog", ""),
                registry(), apiToken(), LocalToken.INGRESS.existing(data).orElseThrow());
    }

    /** The admin token {@code ./layerline up} made for the REST APIs. */
    String apiToken() {
        return LocalToken.ADMIN.existing(data).orElseThrow();
    }

    int port(String name) {
        return ports.get(name);
    }

    URI url(String service, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(service) + path);
    }

    /** {@code host:port} of the suite's registry. */
    String registry() {
        return "127.0.0.1:" + ports.get("registry");
    }

    private boolean healthy(String service) {
        return Health.isUp(http, url(service, "/health"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

package io.layerline.launcher;

import io.layerline.localinfra.Ports;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./layerline up}, as a user runs it: all four services and the console healthy within 60 s, the console's
 * one URL in front of them, a clean stop, data kept.
 */
class LayerlineUpIT {

    private static final Duration START_BUDGET = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Path home = Path.of(System.getenv().getOrDefault("LAYERLINE_HOME", "..")).toAbsolutePath();
    private final Map<String, Integer> ports = Map.of(
            "LAYERLINE_BUILD_PORT", Ports.free(),
            "LAYERLINE_PROMOTION_PORT", Ports.free(),
            "LAYERLINE_RETENTION_PORT", Ports.free(),
            "LAYERLINE_CATALOG_PORT", Ports.free(),
            "LAYERLINE_CONSOLE_PORT", Ports.free(),
            "LAYERLINE_KAFKA_PORT", Ports.free(),
            "LAYERLINE_POSTGRES_PORT", Ports.free(),
            "LAYERLINE_REGISTRY_PORT", Ports.free());

    @Test
    void upStartsEveryServiceHealthyWithinAMinuteStopsCleanlyAndKeepsItsDataForTheNextStart() throws Exception {
        Path data = Files.createTempDirectory("layerline-up-");

        Process first = up(data, "first");
        Duration firstStart = awaitAllHealthy(first, data.resolve("first.out"));
        assertThat(firstStart).isLessThanOrEqualTo(START_BUDGET);
        String token = Files.readString(data.resolve("token")).strip();
        assertThat(Files.getPosixFilePermissions(data.resolve("token")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(data.resolve("first.out"))).contains("API token    " + token);
        assertThat(apiStatus(ports.get("LAYERLINE_RETENTION_PORT"), "/api/v1/holds", null)).isEqualTo(401);
        assertThat(apiStatus(ports.get("LAYERLINE_RETENTION_PORT"), "/api/v1/holds", token)).isEqualTo(200);
        int console = ports.get("LAYERLINE_CONSOLE_PORT");
        assertThat(Files.readString(data.resolve("first.out"))).contains("Console: http://localhost:" + console);
        assertThat(apiStatus(console, "/", null)).as("the console's page").isEqualTo(200);
        for (String service : List.of("build", "promotion", "retention", "catalog")) {
            assertThat(apiStatus(console, "/proxy/" + service + "/api/v1/audit", token))
                    .as("the %s-service's API through the console", service).isEqualTo(200);
        }
        assertThat(apiStatus(console, "/proxy/retention/api/v1/holds", null)).isEqualTo(401);
        String database = "jdbc:postgresql://127.0.0.1:" + ports.get("LAYERLINE_POSTGRES_PORT") + "/layerline";
        try (Connection connection = DriverManager.getConnection(database, "postgres", "")) {
            connection.createStatement().execute("CREATE TABLE kept_across_restarts (note TEXT)");
            connection.createStatement().execute("INSERT INTO kept_across_restarts VALUES ('still here')");
        }

        stop(first);
        for (int port : List.of(ports.get("LAYERLINE_BUILD_PORT"), ports.get("LAYERLINE_CATALOG_PORT"))) {
            assertThat(answers(port)).as("port %d after stop", port).isFalse();
        }

        Process second = up(data, "second");
        assertThat(awaitAllHealthy(second, data.resolve("second.out"))).isLessThanOrEqualTo(START_BUDGET);
        assertThat(apiStatus(ports.get("LAYERLINE_CATALOG_PORT"), "/api/v1/repositories", token))
                .as("the token made at the first start still works").isEqualTo(200);
        try (Connection connection = DriverManager.getConnection(database, "postgres", "");
             ResultSet kept = connection.createStatement().executeQuery("SELECT note FROM kept_across_restarts")) {
            assertThat(kept.next()).isTrue();
            assertThat(kept.getString(1)).isEqualTo("still here");
        }
        stop(second);
        assertThat(Files.readString(data.resolve("second.out"))).contains("Layerline is up", "Layerline stopped.");
    }

    private Process up(Path data, String run) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("layerline").toString(), "up")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve(run + ".out").toFile());
        ports.forEach((name, port) -> builder.environment().put(name, String.valueOf(port)));
        builder.environment().put("LAYERLINE_DATA_DIR", data.toString());
        builder.environment().put("LAYERLINE_NO_BUILD", "1");
        builder.environment().remove("DOCKER_HOST");
        return builder.start();
    }

    private Duration awaitAllHealthy(Process process, Path output) throws Exception {
        Instant started = Instant.now();
        List<Integer> servicePorts = List.of(ports.get("LAYERLINE_BUILD_PORT"), ports.get("LAYERLINE_PROMOTION_PORT"),
                ports.get("LAYERLINE_RETENTION_PORT"), ports.get("LAYERLINE_CATALOG_PORT"),
                ports.get("LAYERLINE_CONSOLE_PORT"));
        await().atMost(START_BUDGET.plusSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("./layerline up exited:\n" + Files.readString(output));
            }
            return servicePorts.stream().allMatch(this::healthy);
        });
        Duration took = Duration.between(started, Instant.now());
        System.out.printf("./layerline up: the four services and the console healthy %.1f s after start%n",
                took.toMillis() / 1000.0);
        return took;
    }

    private void stop(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
    }

    private int apiStatus(int port, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private boolean healthy(int port) {
        return Health.isUp(http, URI.create("http://127.0.0.1:" + port + "/health"));
    }

    private boolean answers(int port) {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

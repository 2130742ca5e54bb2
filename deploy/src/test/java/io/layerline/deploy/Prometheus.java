package io.layerline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.localinfra.Ports;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** Debian's Prometheus, scraping the suite every second, queried through its HTTP API. */
final class Prometheus implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final int port = Ports.free();
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private Prometheus(List<String> targets) throws IOException {
        Path dir = Files.createTempDirectory("layerline-prometheus-");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: layerline
                    metrics_path: /prometheus
                    static_configs:
                      - targets: [%s]
                """.formatted(String.join(", ", targets.stream().map(target -> "'" + target + "'").toList())));
        process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/-/ready")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode() == 200);
    }

    static Prometheus scraping(List<String> targets) throws IOException {
        return new Prometheus(targets);
    }

    /** The body of {@code /api/v1/query} for an instant query. */
    JsonNode query(String expression) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

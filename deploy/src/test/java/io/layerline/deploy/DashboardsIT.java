package io.layerline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import io.layerline.launcher.Demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboards, proven rather than assumed: the suite takes the demo feed while Debian's Prometheus
 * scrapes it, and every panel's query is evaluated through Prometheus' HTTP API — each must parse and return data. The
 * JSON must also load in Grafana 10+: schema version, datasource by uid variable, no instance ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardsIT {

    private static final Path DASHBOARDS = Path.of("grafana/dashboards");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Suite suite;
    private Prometheus prometheus;

    @BeforeAll
    void runTheSuiteUnderPrometheus() throws Exception {
        assertThat(Prometheus.BINARY).as("Debian's Prometheus: apt-get install -y prometheus").exists();
        suite = Suite.start();
        prometheus = Prometheus.scraping(Suite.SERVICES.stream().map(service -> "127.0.0.1:" + suite.port(service))
                .toList());
        new Demo(suite.endpoints(), System.out).run();
        new SuiteClient(suite).post("build", "/api/v1/events", "{}");
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPanelQueryParsesAndReturnsData() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : dashboards()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    String expression = target.path("expr").asText();
                    tests.add(DynamicTest.dynamicTest(dashboard.path("title").asText() + " / "
                            + panel.path("title").asText() + " / " + target.path("refId").asText(), () -> {
                        String query = expression.replace("$__rate_interval", "1m").replace("$__range", "15m");
                        JsonNode answer = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                                .until(() -> prometheus.query(query), body -> !"success".equals(body.path("status")
                                        .asText()) || body.path("data").path("result").size() > 0);
                        assertThat(answer.path("status").asText()).as(query + " → " + answer).isEqualTo("success");
                        assertThat(answer.path("data").path("result").size()).as(query + " returns data")
                                .isPositive();
                    }));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(25);
        return tests.stream();
    }

    @Test
    void dashboardsLoadInGrafanaTenAndUseTheProvisionedDatasource() throws IOException {
        JsonNode datasource = JSON.readTree(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()
                .createParser(Path.of("grafana/provisioning/datasources/prometheus.yaml").toFile()));
        String uid = datasource.path("datasources").path(0).path("uid").asText();
        List<String> uids = new ArrayList<>();
        for (Path file : dashboards()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            assertThat(dashboard.path("schemaVersion").asInt()).as(file.toString()).isGreaterThanOrEqualTo(38);
            assertThat(dashboard.has("id") && !dashboard.get("id").isNull()).as(file + " has no instance id")
                    .isFalse();
            uids.add(dashboard.path("uid").asText());
            JsonNode variable = dashboard.path("templating").path("list").path(0);
            assertThat(variable.path("type").asText()).isEqualTo("datasource");
            assertThat(variable.path("current").path("value").asText()).isEqualTo(uid);
            for (JsonNode panel : dashboard.path("panels")) {
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                        .isEqualTo("${datasource}");
                assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
                assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            }
        }
        assertThat(uids).doesNotHaveDuplicates().hasSize(5);
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }
}

package io.layerline.deploy;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The compose stack as an operator expects it: healthy before used, restarted, data on volumes, no secret in it. */
class ComposeTest {

    private static final Path COMPOSE = Path.of("compose/compose.yaml");
    private static final List<String> LAYERLINE = List.of("build-service", "promotion-service", "retention-service",
            "catalog-service");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws Exception {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            Map<String, Object> compose = new Yaml().load(reader);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void everyServiceHasAHealthCheckAndARestartPolicy() throws Exception {
        services().forEach((name, service) -> {
            assertThat(service).as(name).containsKey("healthcheck");
            assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
        });
        assertThat(services()).containsKeys("kafka", "postgres", "registry", "prometheus", "grafana");
    }

    @Test
    @SuppressWarnings("unchecked")
    void layerlineServicesStartOnceKafkaAndPostgresAreHealthyAndShareTheEnvironmentFile() throws Exception {
        Map<String, Map<String, Object>> services = services();
        for (String name : LAYERLINE) {
            Map<String, Object> service = services.get(name);
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.get("depends_on");
            assertThat(dependsOn.get("kafka").get("condition")).as(name).isEqualTo("service_healthy");
            assertThat(dependsOn.get("postgres").get("condition")).as(name).isEqualTo("service_healthy");
            assertThat(service.get("env_file")).as(name).isEqualTo("layerline.env");
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            assertThat(((Map<String, String>) build.get("args")).get("SERVICE")).as(name).isEqualTo(name);
            assertThat(Path.of("..").resolve((String) build.get("dockerfile"))).as(name).exists();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theConsoleIsBuiltLikeTheServicesAndPointsAtEachOfThem() throws Exception {
        Map<String, Object> console = services().get("console");
        Map<String, Object> build = (Map<String, Object>) console.get("build");
        assertThat(((Map<String, String>) build.get("args")).get("SERVICE")).isEqualTo("console");
        Map<String, String> environment = (Map<String, String>) console.get("environment");
        for (String name : LAYERLINE) {
            String variable = "LAYERLINE_CONSOLE_" + name.replace("-service", "").toUpperCase() + "_URL";
            assertThat(environment).containsEntry(variable, "http://" + name + ":8080");
        }
        assertThat((List<String>) console.get("depends_on")).containsExactlyInAnyOrderElementsOf(LAYERLINE);
        assertThat((List<String>) console.get("ports")).containsExactly("8080:8080");
    }

    @Test
    @SuppressWarnings("unchecked")
    void stateLivesOnNamedVolumesAndMountedConfigurationExists() throws Exception {
        Map<String, Map<String, Object>> services = services();
        for (String stateful : List.of("kafka", "postgres", "registry", "prometheus", "grafana")) {
            assertThat((List<String>) services.get(stateful).get("volumes")).as(stateful)
                    .anyMatch(volume -> volume.matches("[a-z-]+-data:.*"));
        }
        services.values().stream().flatMap(service -> ((List<String>) service.getOrDefault("volumes", List.of()))
                        .stream()).filter(volume -> volume.startsWith("../"))
                .forEach(volume -> assertThat(Path.of("compose").resolve(volume.split(":")[0])).exists());
        assertThat(Path.of("compose/layerline.env.example")).exists();
    }

    @Test
    void noSecretIsWrittenIntoTheStack() throws Exception {
        String text = Files.readString(COMPOSE);

        assertThat(text).contains("${LAYERLINE_DATABASE_PASSWORD:?", "${GRAFANA_ADMIN_PASSWORD:?");
        assertThat(text).doesNotContainPattern("(?i)password: [^$\\s]");
    }
}

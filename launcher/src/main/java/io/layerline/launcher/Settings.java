package io.layerline.launcher;

import io.layerline.localinfra.ServiceJvm;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the one-command run is told through the environment; every value has a default that works on one machine.
 *
 * @param home       the repository root, where each service's built jar lies in {@code <service>/target}
 * @param dataDir    where Kafka, PostgreSQL, the registry and the logs keep their data across restarts
 * @param console    the web console, one URL in front of the services' APIs
 * @param javaOpts   JVM options of each service process
 */
record Settings(Path home, Path dataDir, int kafkaPort, int postgresPort, int registryPort,
                List<Service> services, Service console, List<String> javaOpts) {

    /** A service to run, and the port it answers on. */
    record Service(String name, int port) {

        Path jar(Path home) {
            return home.resolve(name).resolve("target").resolve(name + ".jar");
        }
    }

    static Settings fromEnvironment(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("LAYERLINE_HOME", ".")).toAbsolutePath().normalize();
        Path dataDir = Path.of(env.getOrDefault("LAYERLINE_DATA_DIR", home.resolve(".layerline").toString()))
                .toAbsolutePath().normalize();
        return new Settings(home, dataDir,
                port(env, "LAYERLINE_KAFKA_PORT", 19092),
                port(env, "LAYERLINE_POSTGRES_PORT", 15432),
                port(env, "LAYERLINE_REGISTRY_PORT", 15000),
                List.of(new Service("build-service", port(env, "LAYERLINE_BUILD_PORT", 8081)),
                        new Service("promotion-service", port(env, "LAYERLINE_PROMOTION_PORT", 8082)),
                        new Service("retention-service", port(env, "LAYERLINE_RETENTION_PORT", 8083)),
                        new Service("catalog-service", port(env, "LAYERLINE_CATALOG_PORT", 8084))),
                new Service("console", port(env, "LAYERLINE_CONSOLE_PORT", 8080)),
                javaOpts(env.get("LAYERLINE_JAVA_OPTS")));
    }

    /** Every process {@code up} runs: the four services, then the console in front of them. */
    List<Service> processes() {
        return Stream.concat(services.stream(), Stream.of(console)).toList();
    }

    /** Where the catalog-service answers: the build-service asks its gate (ADR 0018). */
    String catalogUrl() {
        return services.stream().filter(service -> service.name().equals("catalog-service"))
                .map(service -> "http://127.0.0.1:" + service.port()).findFirst().orElseThrow();
    }

    /** What the console is told of where each service answers (ADR 0017). */
    Map<String, String> consoleUpstreams() {
        Map<String, String> upstreams = new HashMap<>();
        for (Service service : services) {
            String shortName = service.name().replace("-service", "").toUpperCase(Locale.ROOT);
            upstreams.put("LAYERLINE_CONSOLE_" + shortName + "_URL", "http://127.0.0.1:" + service.port());
        }
        return upstreams;
    }

    private static List<String> javaOpts(String configured) {
        return configured == null || configured.isBlank() ? ServiceJvm.OPTIONS
                : List.of(configured.trim().split("\\s+"));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number from 1 to 65535, not '" + value + "'");
        }
    }
}

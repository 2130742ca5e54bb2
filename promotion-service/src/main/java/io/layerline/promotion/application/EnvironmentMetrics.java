package io.layerline.promotion.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What runs in each environment now, for dashboards: one {@code layerline_deployment_current} series per service
 * and environment carrying the image (value 1), and the number of services per environment.
 */
@Context
public class EnvironmentMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentMetrics.class);

    private final DeploymentQueries queries;
    private final MultiGauge current;
    private final MultiGauge services;

    EnvironmentMetrics(DeploymentQueries queries, MeterRegistry meters) {
        this.queries = queries;
        this.current = MultiGauge.builder("layerline.deployment.current")
                .description("The image each service runs in each environment now (value 1)").register(meters);
        this.services = MultiGauge.builder("layerline.environment.services")
                .description("Services running in each environment now").register(meters);
    }

    @Scheduled(fixedDelay = "${layerline.promotion.metrics-interval:30s}", initialDelay = "1s")
    void refresh() {
        try {
            List<CurrentDeployment> running = queries.running(Optional.empty());
            current.register(running.stream().map(deployment -> MultiGauge.Row.of(Tags.of(
                    "service", deployment.service(), "environment", deployment.environment(),
                    "repository", deployment.image().registry() + "/" + deployment.image().repository(),
                    "digest", deployment.image().digest()), 1)).toList(), true);
            Map<String, Long> perEnvironment = running.stream().collect(Collectors.groupingBy(
                    CurrentDeployment::environment, TreeMap::new, Collectors.counting()));
            services.register(perEnvironment.entrySet().stream().map(entry -> MultiGauge.Row.of(
                    Tags.of("environment", entry.getKey()), entry.getValue())).toList(), true);
        } catch (RuntimeException e) {
            LOG.debug("Cannot refresh the environment metrics now: {}", e.toString());
        }
    }
}

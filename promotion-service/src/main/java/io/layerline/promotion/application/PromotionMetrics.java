package io.layerline.promotion.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Every meter of the promotion-service, named {@code layerline.promotion.*} ({@code layerline_promotion_*} in
 * Prometheus), each described once here. What runs in each environment is refreshed on a schedule: one {@code
 * layerline_promotion_deployment_current} series per service and environment carrying the image (value 1), and the
 * number of services per environment.
 */
@Context
public class PromotionMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(PromotionMetrics.class);

    private final MeterRegistry meters;
    private final DeploymentQueries queries;
    private final MultiGauge current;
    private final MultiGauge services;
    private final Counter labelFailures;
    private final AtomicLong labelsPending = new AtomicLong();

    PromotionMetrics(DeploymentQueries queries, MeterRegistry meters) {
        this.meters = meters;
        this.queries = queries;
        this.current = MultiGauge.builder("layerline.promotion.deployment.current")
                .description("The image each service runs in each environment now (value 1)").register(meters);
        this.services = MultiGauge.builder("layerline.promotion.environment.services")
                .description("Services running in each environment now").register(meters);
        this.labelFailures = Counter.builder("layerline.promotion.label.apply.failures")
                .description("Attempts to apply a label in the registry that failed and will be retried")
                .register(meters);
        Gauge.builder("layerline.promotion.label.apply.pending", labelsPending, AtomicLong::get)
                .description("Labels recorded in the ledger and not yet applied in the registry").register(meters);
    }

    /** A deployment recorded in the ledger, by environment and status. */
    void deploymentRecorded(String environment, String status) {
        Counter.builder("layerline.promotion.deployments").description("Deployments recorded in the ledger")
                .tag("environment", environment).tag("status", status).register(meters).increment();
    }

    /** A label an image earned by a deployment. */
    void labelEarned(String label) {
        Counter.builder("layerline.promotion.labels.earned").description("Labels images earned by deployments")
                .tag("label", label).register(meters).increment();
    }

    void labelApplyFailed() {
        labelFailures.increment();
    }

    void labelsPending(long count) {
        labelsPending.set(count);
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

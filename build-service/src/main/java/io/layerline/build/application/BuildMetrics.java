package io.layerline.build.application;

import io.layerline.build.domain.dockerfile.DockerfileAnalysis;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every meter of the build-service, named {@code layerline.build.*} ({@code layerline_build_*} in Prometheus), each
 * described once here. The dashboards in {@code deploy/grafana} read them.
 */
@Singleton
public class BuildMetrics {

    private final MeterRegistry meters;
    private final Timer duration;
    private final Counter describeFailures;
    private final AtomicLong harborFactsPending = new AtomicLong();

    BuildMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.duration = Timer.builder("layerline.build.duration").description("How long builds took, queue time "
                + "excluded").publishPercentileHistogram().register(meters);
        this.describeFailures = Counter.builder("layerline.build.harbor.describe.failures")
                .description("Attempts to read a pushed artifact's tags and kind that failed and will be retried")
                .register(meters);
        Gauge.builder("layerline.build.harbor.facts.pending", harborFactsPending, AtomicLong::get)
                .description("Facts from Harbor's deliveries taken in and not yet announced").register(meters);
    }

    /** A build ended: {@code pushed} or {@code failed}, after {@code took}. */
    void buildEnded(String result, Duration took) {
        Counter.builder("layerline.build.finished").description("Builds that ended, by result").tag("result", result)
                .register(meters).increment();
        duration.record(took);
    }

    /** The findings of a Dockerfile analysis, by rule and severity. */
    void analysed(DockerfileAnalysis analysis) {
        analysis.findings().forEach(finding -> Counter.builder("layerline.build.dockerfile.findings")
                .description("Dockerfile findings, by rule and severity").tag("rule", finding.rule())
                .tag("severity", finding.severity().name().toLowerCase(Locale.ROOT)).register(meters).increment());
    }

    /** An event CI or Harbor delivered, by source, type and what became of it. */
    void ingress(String source, String type, String outcome) {
        Counter.builder("layerline.build.ingress.events").description("Events delivered to the ingress, by source, "
                + "type and outcome").tag("source", source).tag("type", type).tag("outcome", outcome).register(meters)
                .increment();
    }

    /** One of Harbor's operational events (quota, replication, tag retention), by type, project and status. */
    void harborEvent(String type, String project, String status) {
        Counter.builder("layerline.build.harbor.events").description("Harbor's operational events")
                .tag("type", type).tag("project", project).tag("status", status).register(meters).increment();
    }

    /** What a tag retention run of Harbor removed: {@code deleted} (announced) or {@code unresolved}. */
    void harborRetentionRemoved(String project, String outcome, long count) {
        Counter.builder("layerline.build.harbor.retention.removed").description("Artifacts Harbor's tag retention "
                + "removed, announced or not resolved to a digest").tag("project", project).tag("outcome", outcome)
                .register(meters).increment(count);
    }

    void harborDescribeFailed() {
        describeFailures.increment();
    }

    void harborFactsPending(long count) {
        harborFactsPending.set(count);
    }
}

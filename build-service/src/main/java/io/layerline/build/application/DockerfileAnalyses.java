package io.layerline.build.application;

import io.layerline.build.domain.dockerfile.DockerfileAnalysis;
import io.layerline.build.domain.dockerfile.DockerfileAnalyzer;
import io.layerline.build.domain.dockerfile.DockerfileRule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;

/** Analyses Dockerfiles against the configured registries, counting findings by rule. */
@Singleton
public class DockerfileAnalyses {

    private final List<String> allowedRegistries;
    private final MeterRegistry meters;

    DockerfileAnalyses(@Value("${layerline.build.allowed-registries:}") List<String> allowedRegistries,
                       MeterRegistry meters) {
        this.allowedRegistries = allowedRegistries.stream().map(String::strip).filter(r -> !r.isEmpty()).toList();
        this.meters = meters;
    }

    /** The command must be valid ({@link AnalyzeDockerfile#problems()} empty). */
    public DockerfileAnalysis analyze(AnalyzeDockerfile command) {
        DockerfileAnalysis analysis = DockerfileAnalyzer.analyze(command.content(), command.buildArgs(),
                new DockerfileRule.Context(command.path(), allowedRegistries));
        analysis.findings().forEach(finding -> meters.counter("layerline.dockerfile.findings", "rule", finding.rule(),
                "severity", finding.severity().name().toLowerCase(Locale.ROOT)).increment());
        return analysis;
    }
}

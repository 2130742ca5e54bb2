package io.layerline.build.application;

import io.layerline.build.domain.dockerfile.DockerfileAnalysis;
import io.layerline.build.domain.dockerfile.DockerfileAnalyzer;
import io.layerline.build.domain.dockerfile.DockerfileRule;
import jakarta.inject.Singleton;

import java.util.List;

/** Analyses Dockerfiles against the configured registries, counting findings by rule. */
@Singleton
public class DockerfileAnalyses {

    private final List<String> allowedRegistries;
    private final BuildMetrics metrics;

    DockerfileAnalyses(BuildSettings settings, BuildMetrics metrics) {
        this.allowedRegistries = settings.allowedRegistries();
        this.metrics = metrics;
    }

    /** The command must be valid ({@link AnalyzeDockerfile#problems()} empty). */
    public DockerfileAnalysis analyze(AnalyzeDockerfile command) {
        DockerfileAnalysis analysis = DockerfileAnalyzer.analyze(command.content(), command.buildArgs(),
                new DockerfileRule.Context(command.path(), allowedRegistries));
        metrics.analysed(analysis);
        return analysis;
    }
}

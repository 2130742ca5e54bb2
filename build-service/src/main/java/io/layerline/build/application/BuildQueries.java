package io.layerline.build.application;

import io.layerline.build.application.port.Builds;
import io.layerline.build.domain.build.Build;
import io.layerline.build.domain.build.Reproducibility;
import io.layerline.build.domain.build.SquashOutcome;
import io.layerline.build.domain.dockerfile.DockerfileAnalysis;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Builds as they stand: each one, lists, logs and analyses. */
@Singleton
public class BuildQueries {

    private final Builds builds;

    BuildQueries(Builds builds) {
        this.builds = builds;
    }

    @ReadOnly
    public Optional<Build> find(UUID id) {
        return builds.find(id);
    }

    @ReadOnly
    public List<Build> list(String repository, Instant before, int limit) {
        return builds.list(repository, before, limit);
    }

    @ReadOnly
    public List<LogLine> log(UUID id, long afterLine, int limit) {
        return builds.log(id, afterLine, limit);
    }

    @ReadOnly
    public Optional<Reproducibility> reproducibility(UUID id) {
        return builds.reproducibility(id);
    }

    @ReadOnly
    public Optional<SquashOutcome> squash(UUID id) {
        return builds.squash(id);
    }

    @ReadOnly
    public Optional<DockerfileAnalysis> analysis(UUID id) {
        return builds.analysis(id);
    }
}

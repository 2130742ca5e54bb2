package io.layerline.build.application.port;

import io.layerline.build.application.LogLine;
import io.layerline.build.domain.build.Build;
import io.layerline.build.domain.build.BuildDefinition;
import io.layerline.build.domain.build.BuildState;
import io.layerline.build.domain.build.Reproducibility;
import io.layerline.build.domain.build.SquashOutcome;
import io.layerline.build.domain.dockerfile.DockerfileAnalysis;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Builds, their logs, their Dockerfile analyses, and the stored definitions. Writes join the caller's transaction. */
public interface Builds {

    /** Stores new builds as they are, in this order, with one JDBC batch. */
    void create(List<Build> builds);

    Optional<Build> find(UUID id);

    /** The newest first; {@code before} the queue time of a previous page's last build. */
    List<Build> list(String repository, Instant before, int limit);

    /** Stores a build's move if the stored build is still in {@code from}; whether it was. */
    boolean update(Build build, BuildState from);

    /** Records the pushed image's layers, in order. */
    void saveLayers(UUID id, List<String> layers);

    List<String> layersOf(UUID id);

    void saveReproducibility(UUID id, Reproducibility reproducibility);

    Optional<Reproducibility> reproducibility(UUID id);

    void saveSquash(UUID id, SquashOutcome squash);

    Optional<SquashOutcome> squash(UUID id);

    List<UUID> inState(BuildState state);

    void appendLog(UUID id, List<String> lines);

    /** Log lines after {@code afterLine} (0 for all), in order, each with its number. */
    List<LogLine> log(UUID id, long afterLine, int limit);

    void saveAnalysis(UUID id, DockerfileAnalysis analysis);

    Optional<DockerfileAnalysis> analysis(UUID id);

    void saveDefinition(BuildDefinition definition, Instant at);

    /** A repository of a registry. */
    record Repository(String registry, String repository) {
    }

    /** The stored definitions of these repositories; a repository without one is left out. */
    Map<Repository, BuildDefinition> definitions(Set<Repository> repositories);
}

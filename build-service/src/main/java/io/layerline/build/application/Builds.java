package io.layerline.build.application;

import io.layerline.build.domain.build.BuildDefinition;
import io.layerline.build.domain.build.BuildState;
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
    void create(List<BuildRecord> builds);

    Optional<BuildRecord> find(UUID id);

    /** The newest first; {@code before} the queue time of a previous page's last build. */
    List<BuildRecord> list(String repository, Instant before, int limit);

    /** Moves a build from one state to the next if it is still in {@code from}; whether it was. */
    boolean transition(UUID id, BuildState from, BuildState to, String reason, Instant at);

    /** Records the pushed image: its digest and its layers, in order. */
    void pushed(UUID id, String digest, List<String> layers);

    List<String> layersOf(UUID id);

    /**
     * How a rebuild compared with the build it reproduces.
     *
     * @param differingLayers indexes of the layers whose digests differ (a missing layer counts)
     */
    record Reproducibility(UUID original, boolean identical, List<Integer> differingLayers, int layersCompared) {
    }

    void saveReproducibility(UUID id, Reproducibility reproducibility);

    Optional<Reproducibility> reproducibility(UUID id);

    List<UUID> inState(BuildState state);

    void appendLog(UUID id, List<String> lines);

    /** Log lines after {@code afterLine} (0 for all), in order, each with its number. */
    List<LogLine> log(UUID id, long afterLine, int limit);

    record LogLine(long number, String text) {
    }

    void saveAnalysis(UUID id, DockerfileAnalysis analysis);

    Optional<DockerfileAnalysis> analysis(UUID id);

    void saveDefinition(BuildDefinition definition, Instant at);

    /** A repository of a registry. */
    record Repository(String registry, String repository) {
    }

    /** The stored definitions of these repositories; a repository without one is left out. */
    Map<Repository, BuildDefinition> definitions(Set<Repository> repositories);
}

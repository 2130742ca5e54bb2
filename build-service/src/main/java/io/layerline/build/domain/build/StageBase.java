package io.layerline.build.domain.build;

import io.layerline.build.domain.dockerfile.DockerfileAnalysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The base of one stage as built: the reference after ARG substitution, and its digest when resolved.
 *
 * @param finalStage whether this is the stage the build produces
 */
public record StageBase(int stageIndex, String stage, String reference, String digest, boolean finalStage) {

    /**
     * The bases of each stage up to {@code target} (the last stage when null; none when no stage has that name): a
     * stage built on another stage has that stage's external base. A reference is resolved once, through
     * {@code resolve}; {@code scratch} and a reference still holding a {@code $} are not resolved.
     */
    public static List<StageBase> of(List<DockerfileAnalysis.StageSummary> stages, String target,
                                     Function<String, Optional<String>> resolve) {
        int last = stages.size() - 1;
        if (target != null) {
            last = stages.stream().filter(stage -> target.equalsIgnoreCase(stage.name()))
                    .map(DockerfileAnalysis.StageSummary::index).findFirst().orElse(-1);
        }
        List<StageBase> bases = new ArrayList<>();
        Map<String, Optional<String>> resolved = new HashMap<>();
        for (int i = 0; i <= last; i++) {
            DockerfileAnalysis.StageSummary stage = stages.get(i);
            DockerfileAnalysis.StageSummary root = stage;
            while (root.baseStage() >= 0) {
                root = stages.get(root.baseStage());
            }
            String reference = root.base();
            String digest = reference.equalsIgnoreCase("scratch") || reference.contains("$") ? null
                    : resolved.computeIfAbsent(reference, resolve).orElse(null);
            bases.add(new StageBase(i, stage.name(), reference, digest, i == last));
        }
        return bases;
    }
}

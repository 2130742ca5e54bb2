package io.layerline.build.domain.dockerfile;

import java.util.List;

/**
 * What a Dockerfile builds and what is wrong with it.
 *
 * @param stages            every stage with its base as written and as resolved
 * @param finalBase         the image the final stage ultimately builds on ({@code scratch} included), or null
 * @param layerInstructions RUN, COPY and ADD instructions of the final stage: the layers it adds to its base
 * @param findings          ordered by line
 */
public record DockerfileAnalysis(List<StageSummary> stages, String finalBase, long layerInstructions,
                                 List<Finding> findings) {

    /**
     * @param baseStage the earlier stage it builds on, or -1 for an image
     * @param isFinal   whether this stage produces the image
     */
    public record StageSummary(int index, String name, int line, String written, String base, int baseStage,
                               long layerInstructions, boolean isFinal) {
    }
}

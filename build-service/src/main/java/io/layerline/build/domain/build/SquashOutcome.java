package io.layerline.build.domain.build;

import java.util.List;

/**
 * What squashing a build's image onto its base did, kept with the build since the squashed image's history no longer
 * shows it.
 *
 * @param unsquashed    the image as the engine built it (deleted from the registry once squashed, where it may)
 * @param baseLayers    the base's layers, kept as they were
 * @param layersMerged  the layers the Dockerfile added, now one
 * @param history       the built image's history, step by step
 * @param dockerfile    the Dockerfile it was built from
 * @param before        the efficiency of the image as built; null when it could not be worked out
 * @param after         the efficiency of the squashed image; null when it could not be worked out
 */
public record SquashOutcome(String unsquashed, int baseLayers, int layersMerged, List<Step> history,
                            String dockerfile, Efficiency before, Efficiency after) {

    public SquashOutcome {
        history = List.copyOf(history);
    }

    /** This outcome with the squashed image's efficiency, worked out once it is pushed. */
    public SquashOutcome measuredAfter(Efficiency measured) {
        return new SquashOutcome(unsquashed, baseLayers, layersMerged, history, dockerfile, before, measured);
    }

    /** One step of an image's history as its config records it: a layer, or an empty one (ENV, CMD…). */
    public record Step(String createdBy, boolean emptyLayer) {
    }

    /**
     * @param imageBytes  the layers and config as stored (compressed)
     * @param fileBytes   the files the layers carry, uncompressed
     * @param wastedBytes of those, what later layers overwrite or delete
     */
    public record Efficiency(long imageBytes, long fileBytes, long wastedBytes) {
    }
}

package io.layerline.build.domain.build;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How a rebuild compared with the build it reproduces.
 *
 * @param differingLayers indexes of the layers whose digests differ (a missing layer counts)
 */
public record Reproducibility(UUID original, boolean identical, List<Integer> differingLayers, int layersCompared) {

    /** The rebuild's image against the original's: the same digest, or which layers differ. */
    public static Reproducibility compare(UUID original, String originalDigest, List<String> originalLayers,
                                          String digest, List<String> layers) {
        return new Reproducibility(original, digest.equals(originalDigest), differing(originalLayers, layers),
                Math.max(originalLayers.size(), layers.size()));
    }

    /** The indexes at which the layer digests differ; a layer one list has and the other lacks differs. */
    static List<Integer> differing(List<String> before, List<String> after) {
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
            if (i >= before.size() || i >= after.size() || !before.get(i).equals(after.get(i))) {
                differing.add(i);
            }
        }
        return differing;
    }
}

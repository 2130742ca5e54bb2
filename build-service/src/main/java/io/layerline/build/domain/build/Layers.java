package io.layerline.build.domain.build;

import java.util.ArrayList;
import java.util.List;

/** How two images' layer lists compare, layer by layer: what a reproducibility check reports. */
public final class Layers {

    private Layers() {
    }

    /** The indexes at which the layer digests differ; a layer one list has and the other lacks differs. */
    public static List<Integer> differing(List<String> before, List<String> after) {
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
            if (i >= before.size() || i >= after.size() || !before.get(i).equals(after.get(i))) {
                differing.add(i);
            }
        }
        return differing;
    }
}

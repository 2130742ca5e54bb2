package io.layerline.build.domain;

import io.layerline.build.domain.build.Layers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LayersTest {

    @Test
    void aRebuildIsComparedLayerByLayerAndAMissingLayerDiffers() {
        assertThat(Layers.differing(List.of("a", "b", "c"), List.of("a", "b", "c"))).isEmpty();
        assertThat(Layers.differing(List.of("a", "b", "c"), List.of("a", "x", "c"))).containsExactly(1);
        assertThat(Layers.differing(List.of("a", "b"), List.of("a", "b", "c"))).containsExactly(2);
        assertThat(Layers.differing(List.of("a", "b", "c"), List.of("a"))).containsExactly(1, 2);
        assertThat(Layers.differing(List.of(), List.of())).isEmpty();
    }
}

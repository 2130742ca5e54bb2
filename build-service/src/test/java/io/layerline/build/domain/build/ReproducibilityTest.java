package io.layerline.build.domain.build;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReproducibilityTest {

    private static final UUID ORIGINAL = UUID.fromString("7b1f7c1e-46e4-4a8e-9f0e-2b6f1c1d2e3f");

    @Test
    void aRebuildIsComparedLayerByLayerAndAMissingLayerDiffers() {
        assertThat(Reproducibility.differing(List.of("a", "b", "c"), List.of("a", "b", "c"))).isEmpty();
        assertThat(Reproducibility.differing(List.of("a", "b", "c"), List.of("a", "x", "c"))).containsExactly(1);
        assertThat(Reproducibility.differing(List.of("a", "b"), List.of("a", "b", "c"))).containsExactly(2);
        assertThat(Reproducibility.differing(List.of("a", "b", "c"), List.of("a"))).containsExactly(1, 2);
        assertThat(Reproducibility.differing(List.of(), List.of())).isEmpty();
    }

    @Test
    void theSameDigestIsIdenticalAndAnotherNamesTheLayersThatMoved() {
        assertThat(Reproducibility.compare(ORIGINAL, "sha256:1", List.of("a", "b"), "sha256:1", List.of("a", "b")))
                .isEqualTo(new Reproducibility(ORIGINAL, true, List.of(), 2));
        assertThat(Reproducibility.compare(ORIGINAL, "sha256:1", List.of("a", "b"), "sha256:2",
                List.of("a", "c", "d"))).isEqualTo(new Reproducibility(ORIGINAL, false, List.of(1, 2), 3));
        assertThat(Reproducibility.compare(ORIGINAL, null, List.of(), "sha256:2", List.of("a")).identical())
                .isFalse();
    }
}

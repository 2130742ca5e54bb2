package io.layerline.registry;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an artifact is, as the tools that push them write them: cosign's tag scheme and media types
 * (sigstore/cosign {@code pkg/oci/static}, {@code pkg/types}), Notation's artifact type, Helm's config media type, an
 * SPDX SBOM attached with ORAS, and Harbor's artifact {@code type}.
 */
class ArtifactKindTest {

    private static final String HEX = "dde8e930c7b6a490f728e66292bc9bce42efc9bbb5278bae40e4f30f6e00fe8c";
    private static final String IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";

    @Test
    void cosignsTagsSayWhatTheyHold() {
        assertThat(ArtifactKind.ofTags(Set.of("sha256-" + HEX + ".sig"))).isEqualTo(ArtifactKind.SIGNATURE);
        assertThat(ArtifactKind.ofTags(Set.of("sha256-" + HEX + ".att"))).isEqualTo(ArtifactKind.ATTESTATION);
        assertThat(ArtifactKind.ofTags(Set.of("sha256-" + HEX + ".sbom"))).isEqualTo(ArtifactKind.SBOM);
        assertThat(ArtifactKind.ofTags(Set.of("1.36.1", "latest"))).isEqualTo(ArtifactKind.IMAGE);
        assertThat(ArtifactKind.subjectOfTags(List.of("latest", "sha256-" + HEX + ".sig")))
                .contains("sha256:" + HEX);
    }

    @Test
    void untaggedArtifactsAreKnownByTheirTypesAndLayers() {
        assertThat(ArtifactKind.of(Set.of(), false, Optional.of(IMAGE_CONFIG),
                List.of("application/vnd.dev.cosign.simplesigning.v1+json"))).isEqualTo(ArtifactKind.SIGNATURE);
        assertThat(ArtifactKind.of(Set.of(), false, Optional.of("application/vnd.cncf.notary.signature"), List.of()))
                .isEqualTo(ArtifactKind.SIGNATURE);
        assertThat(ArtifactKind.of(Set.of(), false, Optional.of("application/spdx+json"), List.of()))
                .isEqualTo(ArtifactKind.SBOM);
        assertThat(ArtifactKind.of(Set.of(), false, Optional.of("application/vnd.in-toto+json"), List.of()))
                .isEqualTo(ArtifactKind.ATTESTATION);
        assertThat(ArtifactKind.of(Set.of("15.0.0"), false, Optional.of("application/vnd.cncf.helm.config.v1+json"),
                List.of("application/vnd.cncf.helm.chart.content.v1.tar+gzip"))).isEqualTo(ArtifactKind.HELM_CHART);
        assertThat(ArtifactKind.of(Set.of(), false, Optional.of("application/vnd.wasm.config.v0+json"), List.of()))
                .isEqualTo(ArtifactKind.ARTIFACT);
        assertThat(ArtifactKind.of(Set.of("1.0"), true, Optional.empty(), List.of())).isEqualTo(ArtifactKind.INDEX);
        assertThat(ArtifactKind.of(Set.of("1.0"), false, Optional.of(IMAGE_CONFIG),
                List.of("application/vnd.oci.image.layer.v1.tar+gzip"))).isEqualTo(ArtifactKind.IMAGE);
    }

    @Test
    void harborsArtifactTypeIsHeard() {
        assertThat(ArtifactKind.ofHarbor("CHART", Set.of("15.0.0"), false, Optional.empty()))
                .isEqualTo(ArtifactKind.HELM_CHART);
        assertThat(ArtifactKind.ofHarbor("CNAB", Set.of("1.0"), true, Optional.empty()))
                .isEqualTo(ArtifactKind.INDEX);
        assertThat(ArtifactKind.ofHarbor("CNAB", Set.of("1.0"), false, Optional.of(IMAGE_CONFIG)))
                .isEqualTo(ArtifactKind.ARTIFACT);
        assertThat(ArtifactKind.ofHarbor("IMAGE", Set.of("sha256-" + HEX + ".sig"), false, Optional.of(IMAGE_CONFIG)))
                .isEqualTo(ArtifactKind.SIGNATURE);
        assertThat(ArtifactKind.ofHarbor("IMAGE", Set.of("1.36.1"), false, Optional.of(IMAGE_CONFIG)))
                .isEqualTo(ArtifactKind.IMAGE);
    }
}

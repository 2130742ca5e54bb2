package io.layerline.build.domain.reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageReferenceTest {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @ParameterizedTest
    @CsvSource({
            "eclipse-temurin:17-jre, docker.io/library/eclipse-temurin:17-jre",
            "debian, docker.io/library/debian",
            "bitnami/kafka:3.9, docker.io/bitnami/kafka:3.9",
            "harbor.example.com/runtime/temurin:17-jre, harbor.example.com/runtime/temurin:17-jre",
            "localhost:5000/base/busybox, localhost:5000/base/busybox",
            "127.0.0.1:15000/team/app:1.0, 127.0.0.1:15000/team/app:1.0",
            "localhost/app, localhost/app"})
    void normalisesReferencesTheWayTheDistributionRulesReadThem(String written, String canonical) {
        assertThat(ImageReference.parse(written).canonical()).isEqualTo(canonical);
    }

    @Test
    void readsATagAndADigestTogether() {
        ImageReference reference = ImageReference.parse("harbor.example.com/team/app:1.4@" + DIGEST);

        assertThat(reference.registry()).isEqualTo("harbor.example.com");
        assertThat(reference.repository()).isEqualTo("team/app");
        assertThat(reference.tag()).contains("1.4");
        assertThat(reference.digest()).contains(DIGEST);
        assertThat(reference.isPinned()).isTrue();
        assertThat(reference.floatsOnLatest()).isFalse();
    }

    @Test
    void anUntaggedReferenceFloatsOnLatestLikeAWrittenLatest() {
        assertThat(ImageReference.parse("debian").floatsOnLatest()).isTrue();
        assertThat(ImageReference.parse("debian:latest").floatsOnLatest()).isTrue();
        assertThat(ImageReference.parse("debian:12").floatsOnLatest()).isFalse();
        assertThat(ImageReference.parse("debian@" + DIGEST).tag()).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "Team/App", "app:", "app@sha256:xyz", "app:-bad", "a//b"})
    void rejectsWhatTheDistributionRulesReject(String written) {
        assertThatThrownBy(() -> ImageReference.parse(written)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsARegistryLongerThanTheEventsCarry() {
        assertThatThrownBy(() -> ImageReference.parse("x".repeat(250) + ".example.com/team/app"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 255");
        assertThat(ImageReference.isRegistry("x".repeat(255))).isTrue();
        assertThat(ImageReference.isRegistry("x".repeat(256))).isFalse();
    }

    @Test
    void knowsScratchIsNoReference() {
        assertThat(ImageReference.isScratch("scratch")).isTrue();
        assertThat(ImageReference.isScratch("scratchy")).isFalse();
    }
}

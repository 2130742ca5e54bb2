package io.layerline.catalog.domain.graph;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryPatternTest {

    @Test
    void aSingleStarStaysInsideOnePathSegmentAndADoubleStarCrossesThem() {
        assertThat(new RepositoryPattern("h.io/runtime/*").matches("h.io/runtime/temurin")).isTrue();
        assertThat(new RepositoryPattern("h.io/runtime/*").matches("h.io/runtime/java/temurin")).isFalse();
        assertThat(new RepositoryPattern("h.io/**").matches("h.io/runtime/java/temurin")).isTrue();
        assertThat(new RepositoryPattern("h.io/os/debian").matches("h.io/os/debian-slim")).isFalse();
        assertThat(new RepositoryPattern("a.b/(x)+").matches("a.b/(x)+")).isTrue();
        assertThatThrownBy(() -> new RepositoryPattern(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}

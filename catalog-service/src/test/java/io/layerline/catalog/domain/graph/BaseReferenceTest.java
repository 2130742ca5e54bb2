package io.layerline.catalog.domain.graph;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class BaseReferenceTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "eclipse-temurin:17-jre, docker.io, library/eclipse-temurin, 17-jre, -",
            "debian, docker.io, library/debian, latest, -",
            "bitnami/kafka:3.9, docker.io, bitnami/kafka, 3.9, -",
            "harbor.example.com/runtime/temurin:17, harbor.example.com, runtime/temurin, 17, -",
            "localhost:5000/os/debian, localhost:5000, os/debian, latest, -",
            "localhost/os/debian:12, localhost, os/debian, 12, -",
            "h.io/os/debian:12@sha256:aa, h.io, os/debian, 12, sha256:aa",
            "h.io/os/debian@sha256:aa, h.io, os/debian, -, sha256:aa"})
    void normalisesAReferenceTheWayADockerClientResolvesIt(String reference, String registry, String repository,
                                                           String tag, String digest) {
        assertThat(BaseReference.parse(reference)).contains(new BaseReference(registry, repository, tag, digest));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scratch", "", "  ", "${BASE}:17", "builder:$VERSION"})
    void namesNoRepositoryForScratchOrAnUnsubstitutedArgument(String reference) {
        assertThat(BaseReference.parse(reference)).isEmpty();
    }
}

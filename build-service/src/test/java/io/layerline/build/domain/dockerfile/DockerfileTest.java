package io.layerline.build.domain.dockerfile;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DockerfileTest {

    @Test
    void readsDirectivesOnlyAtTheTopAndHonoursTheEscapeCharacter() {
        Dockerfile dockerfile = Dockerfile.parse("""
                # syntax=docker/dockerfile:1
                # escape=`
                # not=a-directive-any-more
                FROM alpine:3.20
                RUN echo a `
                    && echo b
                """, Map.of());

        assertThat(dockerfile.directives()).containsOnly(Map.entry("syntax", "docker/dockerfile:1"),
                Map.entry("escape", "`"));
        assertThat(dockerfile.instructions().get(1).arguments()).isEqualTo("echo a      && echo b");
        assertThat(dockerfile.instructions().get(1).line()).isEqualTo(5);
    }

    @Test
    void attachesHeredocBodiesAndStripsTabsForTheDashForm() {
        Dockerfile dockerfile = Dockerfile.parse("FROM alpine:3.20\nRUN <<A cat > /x && <<-'B' cat > /y\none\nA\n"
                + "\ttwo\n\tB\nUSER 1\n", Map.of());

        Instruction run = dockerfile.instructions().get(1);
        assertThat(run.heredocs()).containsExactly("one\n", "two\n");
        assertThat(dockerfile.instructions().get(2).is("USER")).isTrue();
        assertThat(dockerfile.problems()).isEmpty();
    }

    @Test
    void substitutesBuildArgumentsOverDefaultsAndLeavesUnknownOnesVisible() {
        String text = "ARG REGISTRY=docker.io\nARG TAG\nFROM $REGISTRY/library/debian:${TAG:-12}\n"
                + "FROM ${UNKNOWN}/x AS other\nFROM 0\n";

        Dockerfile defaults = Dockerfile.parse(text, Map.of());
        Dockerfile given = Dockerfile.parse(text, Map.of("REGISTRY", "harbor.example.com", "TAG", "13"));

        assertThat(defaults.stages().get(0).base()).isEqualTo("docker.io/library/debian:12");
        assertThat(given.stages().get(0).base()).isEqualTo("harbor.example.com/library/debian:13");
        assertThat(defaults.stages().get(1).base()).isEqualTo("${UNKNOWN}/x");
        assertThat(defaults.stages().get(2).baseStage()).isZero();
        assertThat(defaults.finalBase()).contains("docker.io/library/debian:12");
    }

    @Test
    void separatesFlagsFromArguments() {
        Instruction copy = Dockerfile.parse("FROM a:1 AS build\nFROM b:1\nCOPY --from=build --chown=1:1 /out /app\n",
                Map.of()).instructions().get(2);

        assertThat(copy.flags()).containsExactly("--from=build", "--chown=1:1");
        assertThat(copy.arguments()).isEqualTo("/out /app");
    }
}

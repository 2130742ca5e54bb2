package io.layerline.catalog.domain.graph;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ImageGraphTest {

    /** debian ← temurin ← maven-tooling ← app; the app's builder stage used maven-tooling, its final stage temurin. */
    private final ImageGraph graph = new ImageGraph()
            .add(new ImageNode("d-os", "base/debian"))
            .add(new ImageNode("d-jre", "runtime/temurin"))
            .add(new ImageNode("d-tool", "tooling/maven"))
            .add(new ImageNode("d-app", "team/app"))
            .add(new ImageNode("d-other", "team/other"))
            .add(new BaseEdge("d-jre", "d-os", "debian:12", true))
            .add(new BaseEdge("d-tool", "d-jre", "temurin:17", true))
            .add(new BaseEdge("d-app", "d-tool", "maven:3.9", false))
            .add(new BaseEdge("d-app", "d-jre", "temurin:17-jre", true))
            .add(new BaseEdge("d-other", "d-os", "debian:12", true));

    @Test
    void lineageFollowsTheFinalStageToTheRoot() {
        assertThat(graph.lineage("d-app")).containsExactly("d-app", "d-jre", "d-os");
    }

    @Test
    void childrenAndDescendantsIncludeBuilderStageUse() {
        assertThat(graph.children("d-tool")).containsExactly("d-app");
        assertThat(graph.children("d-os")).containsExactlyInAnyOrder("d-jre", "d-other");
        assertThat(graph.descendants("d-os")).containsExactlyInAnyOrder("d-jre", "d-tool", "d-app", "d-other");
        assertThat(graph.descendants("d-app")).isEmpty();
    }

    @Test
    void aDiamondLandsAfterBothOfItsBases() {
        Map<String, Set<String>> dependencies = graph.repositoryDependencies(graph.descendants("d-os"));

        RebuildWaves<String> waves = RebuildWaves.of(dependencies, Set.of("base/debian"));

        assertThat(waves.waves()).containsExactly(
                Set.of("runtime/temurin", "team/other"),
                Set.of("tooling/maven"),
                Set.of("team/app"));
        assertThat(waves.waveOf("team/app")).isEqualTo(3);
        assertThat(waves.inCycles()).isEmpty();
    }

    @Test
    void aCycleIsReportedInsteadOfLoopedOver() {
        ImageGraph cyclic = new ImageGraph()
                .add(new ImageNode("a", "r/a")).add(new ImageNode("b", "r/b")).add(new ImageNode("c", "r/c"))
                .add(new ImageNode("root", "r/root"))
                .add(new BaseEdge("a", "root", "root", true))
                .add(new BaseEdge("b", "a", "a", true))
                .add(new BaseEdge("b", "c", "c", false))
                .add(new BaseEdge("c", "b", "b", true));

        assertThat(cyclic.lineage("c")).containsExactly("c", "b", "a", "root");
        assertThat(cyclic.descendants("root")).containsExactlyInAnyOrder("a", "b", "c");
        RebuildWaves<String> waves = RebuildWaves.of(
                cyclic.repositoryDependencies(cyclic.descendants("root")), Set.of("r/root"));
        assertThat(waves.waves()).containsExactly(Set.of("r/a"));
        assertThat(waves.inCycles()).containsExactlyInAnyOrder("r/b", "r/c");
        assertThat(new ImageGraph().add(new BaseEdge("x", "x", "x", true)).lineage("x")).isEqualTo(List.of("x"));
    }
}

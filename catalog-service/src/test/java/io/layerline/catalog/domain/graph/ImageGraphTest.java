package io.layerline.catalog.domain.graph;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ImageGraphTest {

    /** debian ← temurin ← maven-tooling ← app; the app's builder stage used maven-tooling, its final stage temurin. */
    private final ImageGraph graph = Graphs.graph()
            .image("d-os", "base/debian")
            .image("d-jre", "runtime/temurin")
            .image("d-tool", "tooling/maven")
            .image("d-app", "team/app")
            .image("d-other", "team/other")
            .builtOn("d-jre", "d-os", "debian:12")
            .builtOn("d-tool", "d-jre", "temurin:17")
            .builderStageOn("d-app", "d-tool", "maven:3.9")
            .builtOn("d-app", "d-jre", "temurin:17-jre")
            .builtOn("d-other", "d-os", "debian:12")
            .done();

    @Test
    void aHeadMayNameARepositoryAndADigestTheGraphHasNotSeen() {
        ImageGraph graph = new ImageGraph();
        for (int i = 0; i < 200; i++) {
            graph.head("team/r" + i, "sha256:" + String.format("%064x", i));
        }

        assertThat(graph.heads()).hasSize(200).containsEntry("team/r199", "sha256:" + String.format("%064x", 199));
        assertThat(graph.impactOf(Set.of("sha256:" + String.format("%064x", 7)), Set.of()).affected()).isEmpty();
    }

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
        ImageGraph cyclic = Graphs.graph()
                .image("a", "r/a").image("b", "r/b").image("c", "r/c").image("root", "r/root")
                .builtOn("a", "root", "root")
                .builtOn("b", "a", "a")
                .builderStageOn("b", "c", "c")
                .builtOn("c", "b", "b")
                .done();

        assertThat(cyclic.lineage("c")).containsExactly("c", "b", "a", "root");
        assertThat(cyclic.descendants("root")).containsExactlyInAnyOrder("a", "b", "c");
        RebuildWaves<String> waves = RebuildWaves.of(
                cyclic.repositoryDependencies(cyclic.descendants("root")), Set.of("r/root"));
        assertThat(waves.waves()).containsExactly(Set.of("r/a"));
        assertThat(waves.inCycles()).containsExactlyInAnyOrder("r/b", "r/c");
        assertThat(Graphs.graph().builtOn("x", "x", "x").done().lineage("x")).isEqualTo(List.of("x"));
    }
}

package io.layerline.catalog.domain.graph;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CyclesTest {

    @Test
    void findsEveryRepositoryOnACycleAndNothingElse() {
        Map<String, Set<String>> dependsOn = Map.of(
                "app", Set.of("b"), "b", Set.of("c"), "c", Set.of("b", "os"), "os", Set.of(),
                "self", Set.of("self"), "x", Set.of("os"));

        assertThat(Cycles.in(dependsOn)).containsExactlyInAnyOrder("b", "c", "self");
    }

    @Test
    void aLongChainDoesNotOverflowTheStack() {
        Map<String, Set<String>> chain = IntStream.range(0, 200_000).boxed()
                .collect(Collectors.toMap(i -> "r" + i, i -> i == 0 ? Set.of("r199999") : Set.of("r" + (i - 1))));

        assertThat(Cycles.in(chain)).hasSize(200_000);
    }
}

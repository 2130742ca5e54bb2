package io.layerline.catalog.domain.graph;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Waves over random acyclic dependency graphs. */
class RebuildWavesPropertiesTest {

    @Property(tries = 300)
    void everyItemIsRebuiltOnceAndOnlyAfterEverythingItDependsOn(
            @ForAll @Size(min = 1, max = 60) List<@Size(max = 4) List<@IntRange(min = 0, max = 1000) Integer>> picks) {
        Map<Integer, Set<Integer>> dependsOn = new HashMap<>();
        for (int item = 1; item <= picks.size(); item++) {
            Set<Integer> dependencies = new TreeSet<>();
            for (int pick : picks.get(item - 1)) {
                dependencies.add(pick % item);
            }
            dependsOn.put(item, dependencies);
        }

        RebuildWaves<Integer> waves = RebuildWaves.of(dependsOn, Set.of(0));

        assertThat(waves.inCycles()).isEmpty();
        assertThat(waves.waves().stream().mapToInt(Set::size).sum()).isEqualTo(picks.size());
        dependsOn.forEach((item, dependencies) -> {
            for (int dependency : dependencies) {
                assertThat(waves.waveOf(dependency)).as("%d depends on %d", item, dependency)
                        .isLessThan(waves.waveOf(item));
            }
            boolean onlyOnTheChangedItem = dependencies.stream().allMatch(dependency -> dependency == 0);
            assertThat(waves.waveOf(item) == 1).isEqualTo(onlyOnTheChangedItem);
        });
    }
}

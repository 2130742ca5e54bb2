package io.layerline.catalog.domain.graph;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Waves over random dependency graphs, against their definition. */
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

    @Property(tries = 300)
    void wavesAreWhatTheirDefinitionSaysEvenWithCycles(
            @ForAll @Size(max = 40) List<@Size(max = 4) List<@IntRange(min = 0, max = 50) Integer>> picks,
            @ForAll @Size(max = 3) Set<@IntRange(min = 0, max = 50) Integer> changed) {
        Map<Integer, Set<Integer>> dependsOn = new HashMap<>();
        for (int item = 0; item < picks.size(); item++) {
            dependsOn.put(item, new TreeSet<>(picks.get(item)));
        }

        RebuildWaves<Integer> waves = RebuildWaves.of(dependsOn, changed);

        assertThat(waves).isEqualTo(byDefinition(dependsOn, changed));
    }

    /**
     * Wave k: every item not yet placed whose dependencies (those that are affected or changed) are all changed or
     * in earlier waves; what is never placed is in cycles.
     */
    private static RebuildWaves<Integer> byDefinition(Map<Integer, Set<Integer>> dependsOn, Set<Integer> changed) {
        Set<Integer> placed = new HashSet<>(changed);
        Set<Integer> pending = new TreeSet<>(dependsOn.keySet());
        pending.removeAll(changed);
        List<Set<Integer>> waves = new ArrayList<>();
        while (true) {
            Set<Integer> next = new TreeSet<>();
            for (int item : pending) {
                if (dependsOn.get(item).stream().filter(d -> dependsOn.containsKey(d) || changed.contains(d))
                        .allMatch(placed::contains)) {
                    next.add(item);
                }
            }
            if (next.isEmpty()) {
                return new RebuildWaves<>(waves, pending);
            }
            placed.addAll(next);
            pending.removeAll(next);
            waves.add(next);
        }
    }
}

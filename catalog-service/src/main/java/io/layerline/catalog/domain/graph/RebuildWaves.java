package io.layerline.catalog.domain.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order in which to rebuild what depends on a changed base: wave 1 holds what builds directly on the changed
 * items, wave k what builds only on changed items and items of earlier waves, so a rebuild can go wave by wave.
 * Items caught in a dependency cycle cannot be ordered: they are reported apart, never looped over.
 *
 * @param waves    wave 1 first; items sorted within a wave
 * @param inCycles affected items whose dependencies form a cycle
 */
public record RebuildWaves<K extends Comparable<K>>(List<Set<K>> waves, Set<K> inCycles) {

    /**
     * Counts each item's dependencies still to rebuild and settles wave after wave, looking at every dependency once
     * (the impact of an OS base on thousands of repositories is a few milliseconds).
     *
     * @param dependsOn every affected item and what it depends on (items outside the map are settled already)
     * @param changed   the items that changed, the waves' starting point
     */
    public static <K extends Comparable<K>> RebuildWaves<K> of(Map<K, Set<K>> dependsOn, Set<K> changed) {
        Map<K, Integer> waiting = new HashMap<>();
        Map<K, List<K>> dependants = new HashMap<>();
        dependsOn.forEach((item, dependencies) -> {
            if (changed.contains(item)) {
                return;
            }
            int unsettled = 0;
            for (K dependency : dependencies) {
                if (dependsOn.containsKey(dependency) && !changed.contains(dependency)) {
                    unsettled++;
                    dependants.computeIfAbsent(dependency, key -> new ArrayList<>()).add(item);
                }
            }
            waiting.put(item, unsettled);
        });
        Set<K> next = new TreeSet<>();
        waiting.forEach((item, unsettled) -> {
            if (unsettled == 0) {
                next.add(item);
            }
        });
        List<Set<K>> waves = new ArrayList<>();
        for (Set<K> wave = next; !wave.isEmpty(); wave = settle(wave, waiting, dependants)) {
            waves.add(Collections.unmodifiableSet(wave));
        }
        return new RebuildWaves<>(List.copyOf(waves), Collections.unmodifiableSet(new TreeSet<>(waiting.keySet())));
    }

    /** Takes a wave out of {@code waiting} and gives the next: the items whose last dependency it rebuilt. */
    private static <K extends Comparable<K>> Set<K> settle(Set<K> wave, Map<K, Integer> waiting,
                                                           Map<K, List<K>> dependants) {
        Set<K> next = new TreeSet<>();
        for (K item : wave) {
            waiting.remove(item);
            for (K dependant : dependants.getOrDefault(item, List.of())) {
                if (waiting.merge(dependant, -1, Integer::sum) == 0) {
                    next.add(dependant);
                }
            }
        }
        return next;
    }

    /** The wave an item is rebuilt in, 0 when it is not rebuilt. */
    public int waveOf(K item) {
        for (int i = 0; i < waves.size(); i++) {
            if (waves.get(i).contains(item)) {
                return i + 1;
            }
        }
        return 0;
    }
}

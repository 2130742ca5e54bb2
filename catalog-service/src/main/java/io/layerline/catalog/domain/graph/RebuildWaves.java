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
     * @param dependsOn every affected item and what it depends on (items outside the map are settled already)
     * @param changed   the items that changed, the waves' starting point
     */
    public static <K extends Comparable<K>> RebuildWaves<K> of(Map<K, Set<K>> dependsOn, Set<K> changed) {
        Map<K, Integer> waveOf = new HashMap<>();
        changed.forEach(item -> waveOf.put(item, 0));
        Set<K> pending = new TreeSet<>(dependsOn.keySet());
        pending.removeAll(changed);
        List<Set<K>> waves = new ArrayList<>();
        while (true) {
            Set<K> next = new TreeSet<>();
            for (K item : pending) {
                boolean ready = dependsOn.getOrDefault(item, Set.of()).stream()
                        .filter(dependency -> dependsOn.containsKey(dependency) || changed.contains(dependency))
                        .allMatch(waveOf::containsKey);
                if (ready) {
                    next.add(item);
                }
            }
            if (next.isEmpty()) {
                break;
            }
            int wave = waves.size() + 1;
            next.forEach(item -> waveOf.put(item, wave));
            pending.removeAll(next);
            waves.add(Collections.unmodifiableSet(next));
        }
        return new RebuildWaves<>(List.copyOf(waves), Collections.unmodifiableSet(pending));
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

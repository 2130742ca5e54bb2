package io.layerline.catalog.domain.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The items of a dependency map that depend on themselves, directly or through others (Tarjan's algorithm). */
public final class Cycles {

    private final Map<String, Set<String>> dependsOn;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> lowLink = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();
    private final Set<String> inCycles = new TreeSet<>();

    private Cycles(Map<String, Set<String>> dependsOn) {
        this.dependsOn = dependsOn;
    }

    public static Set<String> in(Map<String, Set<String>> dependsOn) {
        Cycles cycles = new Cycles(dependsOn);
        dependsOn.keySet().stream().sorted().forEach(item -> {
            if (!cycles.index.containsKey(item)) {
                cycles.visit(item);
            }
        });
        return cycles.inCycles;
    }

    /** Iterative, so deep chains cannot overflow the stack. */
    private void visit(String start) {
        Deque<Map.Entry<String, java.util.Iterator<String>>> work = new ArrayDeque<>();
        enter(start, work);
        while (!work.isEmpty()) {
            Map.Entry<String, java.util.Iterator<String>> frame = work.peek();
            String item = frame.getKey();
            if (frame.getValue().hasNext()) {
                String next = frame.getValue().next();
                if (!index.containsKey(next)) {
                    enter(next, work);
                } else if (onStack.contains(next)) {
                    lowLink.merge(item, index.get(next), Math::min);
                }
                continue;
            }
            work.pop();
            if (!work.isEmpty()) {
                lowLink.merge(work.peek().getKey(), lowLink.get(item), Math::min);
            }
            if (lowLink.get(item).equals(index.get(item))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(item));
                if (component.size() > 1 || dependsOn.getOrDefault(item, Set.of()).contains(item)) {
                    inCycles.addAll(component);
                }
            }
        }
    }

    private void enter(String item, Deque<Map.Entry<String, java.util.Iterator<String>>> work) {
        index.put(item, index.size());
        lowLink.put(item, index.get(item));
        stack.push(item);
        onStack.add(item);
        work.push(Map.entry(item, dependsOn.getOrDefault(item, Set.of()).iterator()));
    }
}

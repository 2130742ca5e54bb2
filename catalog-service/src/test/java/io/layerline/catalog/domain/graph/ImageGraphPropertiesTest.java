package io.layerline.catalog.domain.graph;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compact graph against the plainest model of the same rows — a set of edges per child — over random sequences
 * of images, edges and replaced bases, large enough to grow every internal table.
 */
class ImageGraphPropertiesTest {

    @Property(tries = 40)
    void answersAsThePlainModelDoes(@ForAll @IntRange(min = 1, max = 3_000) int images, @ForAll long seed) {
        Random random = new Random(seed);
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            digests.add(random.nextInt(20) == 0 ? "custom-" + i : "sha256:" + hex(random));
        }
        ImageGraph graph = new ImageGraph();
        Map<String, String> repositoryOf = new HashMap<>();
        Map<String, Set<BaseEdge>> basesOf = new HashMap<>();
        for (int i = 0; i < images; i++) {
            String digest = digests.get(i);
            String repository = "team/r" + random.nextInt(1 + images / 10);
            graph.add(new ImageNode(digest, repository));
            repositoryOf.put(digest, repository);
            if (i == 0) {
                continue;
            }
            List<BaseEdge> edges = new ArrayList<>();
            for (int stage = random.nextInt(3); stage >= 0; stage--) {
                String base = random.nextInt(30) == 0 ? "sha256:" + hex(random) : digests.get(random.nextInt(i));
                edges.add(new BaseEdge(digest, base, "ref-" + random.nextInt(5), stage == 0));
            }
            if (random.nextBoolean()) {
                edges.forEach(graph::add);
                basesOf.computeIfAbsent(digest, d -> new LinkedHashSet<>()).addAll(edges);
            } else {
                graph.replaceBases(digest, edges);
                basesOf.put(digest, new LinkedHashSet<>(edges));
            }
            if (random.nextInt(20) == 0) {
                String moved = digests.get(random.nextInt(i));
                String to = "team/r" + random.nextInt(1 + images / 10);
                graph.add(new ImageNode(moved, to));
                repositoryOf.put(moved, to);
            }
            if (random.nextInt(10) == 0) {
                String earlier = digests.get(random.nextInt(i));
                List<BaseEdge> replaced = random.nextBoolean() ? List.of()
                        : List.of(new BaseEdge(earlier, digests.get(random.nextInt(i + 1)), "late", true));
                graph.replaceBases(earlier, replaced);
                basesOf.put(earlier, new LinkedHashSet<>(replaced));
            }
        }

        for (int probe = 0; probe < 50; probe++) {
            String digest = digests.get(random.nextInt(images));
            assertThat(graph.children(digest)).isEqualTo(children(basesOf, digest));
            assertThat(graph.descendants(digest)).isEqualTo(descendants(basesOf, digest));
            assertThat(graph.basesOf(digest)).isEqualTo(bases(basesOf, digest));
            assertThat(graph.lineage(digest)).isEqualTo(lineage(basesOf, digest));
            assertThat(graph.node(digest)).contains(new ImageNode(digest, repositoryOf.get(digest)));
        }
        Map<String, String> heads = new HashMap<>();
        for (String digest : digests) {
            if (random.nextInt(3) == 0) {
                heads.put(repositoryOf.get(digest), digest);
                graph.head(repositoryOf.get(digest), digest);
            }
        }
        for (int probe = 0; probe < 10; probe++) {
            Set<String> start = new HashSet<>();
            for (int i = random.nextInt(4); i >= 0; i--) {
                start.add(digests.get(random.nextInt(images)));
            }
            Set<String> below = below(basesOf, start);
            Set<String> changed = Set.of(repositoryOf.get(digests.get(random.nextInt(images))));
            Map<String, String> affected = new HashMap<>(heads);
            affected.entrySet().removeIf(head -> changed.contains(head.getKey()) || !below.contains(head.getValue()));
            Map<String, Set<String>> dependencies = new HashMap<>();
            affected.forEach((name, head) -> dependencies.put(name, new TreeSet<>(
                    basesOf.getOrDefault(head, Set.of()).stream().map(edge -> repositoryOf.get(edge.base()))
                            .filter(base -> base != null && !base.equals(name)).toList())));
            ImageGraph.Impact impact = graph.impactOf(start, changed);
            assertThat(impact.affected()).as("impact of %s", start).isEqualTo(affected);
            assertThat(impact.dependencies()).as("dependencies in the impact of %s", start).isEqualTo(dependencies);
        }
        String repository = repositoryOf.get(digests.get(random.nextInt(images)));
        assertThat(graph.digestsOf(repository)).as("images of %s", repository).isEqualTo(new TreeSet<>(
                repositoryOf.entrySet().stream().filter(e -> e.getValue().equals(repository))
                        .map(Map.Entry::getKey).toList()));
    }

    /** Every image built on any of {@code start}, directly or not, without the starting images. */
    private static Set<String> below(Map<String, Set<BaseEdge>> basesOf, Set<String> start) {
        Map<String, Set<String>> childrenOf = new HashMap<>();
        basesOf.forEach((child, edges) -> edges.forEach(edge ->
                childrenOf.computeIfAbsent(edge.base(), base -> new HashSet<>()).add(child)));
        Set<String> found = new HashSet<>();
        List<String> queue = new ArrayList<>(start);
        while (!queue.isEmpty()) {
            for (String child : childrenOf.getOrDefault(queue.remove(queue.size() - 1), Set.of())) {
                if (!start.contains(child) && found.add(child)) {
                    queue.add(child);
                }
            }
        }
        return found;
    }

    private static Set<String> children(Map<String, Set<BaseEdge>> basesOf, String digest) {
        Set<String> children = new HashSet<>();
        basesOf.forEach((child, edges) -> edges.stream().filter(edge -> edge.base().equals(digest))
                .forEach(edge -> children.add(child)));
        return children;
    }

    private static Set<String> descendants(Map<String, Set<BaseEdge>> basesOf, String digest) {
        Set<String> found = new HashSet<>();
        List<String> queue = new ArrayList<>(List.of(digest));
        while (!queue.isEmpty()) {
            for (String child : children(basesOf, queue.remove(0))) {
                if (!child.equals(digest) && found.add(child)) {
                    queue.add(child);
                }
            }
        }
        return found;
    }

    private static Set<String> bases(Map<String, Set<BaseEdge>> basesOf, String digest) {
        Set<String> bases = new TreeSet<>();
        basesOf.getOrDefault(digest, Set.of()).forEach(edge -> bases.add(edge.base()));
        return bases;
    }

    private static List<String> lineage(Map<String, Set<BaseEdge>> basesOf, String digest) {
        List<String> lineage = new ArrayList<>();
        String current = digest;
        while (current != null && !lineage.contains(current)) {
            lineage.add(current);
            current = basesOf.getOrDefault(current, Set.of()).stream().filter(BaseEdge::finalStage)
                    .map(BaseEdge::base).findFirst().orElse(null);
        }
        return lineage;
    }

    private static String hex(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

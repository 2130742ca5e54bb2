package io.layerline.catalog.domain.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The base-image graph by digest. An image depends on the bases of all its stages (a new builder image changes what
 * a build produces); its lineage follows the final stage's base only. Walks never loop, whatever the data says.
 */
public final class ImageGraph {

    private final Map<String, ImageNode> nodes = new HashMap<>();
    private final Map<String, Set<BaseEdge>> basesOf = new HashMap<>();
    private final Map<String, Set<String>> childrenOf = new HashMap<>();

    public ImageGraph add(ImageNode node) {
        nodes.put(node.digest(), node);
        return this;
    }

    public ImageGraph add(BaseEdge edge) {
        basesOf.computeIfAbsent(edge.child(), digest -> new LinkedHashSet<>()).add(edge);
        childrenOf.computeIfAbsent(edge.base(), digest -> new TreeSet<>()).add(edge.child());
        return this;
    }

    public Optional<ImageNode> node(String digest) {
        return Optional.ofNullable(nodes.get(digest));
    }

    /** The image, its parent, its parent's parent… to the root, along final-stage bases; stops before a repeat. */
    public List<String> lineage(String digest) {
        List<String> lineage = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String current = digest;
        while (current != null && seen.add(current)) {
            lineage.add(current);
            current = basesOf.getOrDefault(current, Set.of()).stream()
                    .filter(BaseEdge::finalStage).map(BaseEdge::base).findFirst().orElse(null);
        }
        return lineage;
    }

    /** The images built directly on {@code digest}, in any stage. */
    public Set<String> children(String digest) {
        return Set.copyOf(childrenOf.getOrDefault(digest, Set.of()));
    }

    /** Every image built on {@code digest}, directly or through others, without {@code digest} itself. */
    public Set<String> descendants(String digest) {
        return descendants(Set.of(digest));
    }

    /** Every image built on any of {@code digests}, directly or not, without the starting images. */
    public Set<String> descendants(Collection<String> digests) {
        Set<String> found = new TreeSet<>();
        Deque<String> queue = new ArrayDeque<>(digests);
        while (!queue.isEmpty()) {
            for (String child : childrenOf.getOrDefault(queue.poll(), Set.of())) {
                if (!digests.contains(child) && found.add(child)) {
                    queue.add(child);
                }
            }
        }
        return found;
    }

    /** The digests each image was built on, in any stage. */
    public Set<String> basesOf(String digest) {
        Set<String> bases = new TreeSet<>();
        basesOf.getOrDefault(digest, Set.of()).forEach(edge -> bases.add(edge.base()));
        return bases;
    }

    /** Dependencies between repositories: a repository depends on the repositories of its images' bases. */
    public Map<String, Set<String>> repositoryDependencies(Collection<String> digests) {
        Map<String, Set<String>> dependencies = new HashMap<>();
        for (String digest : digests) {
            ImageNode node = nodes.get(digest);
            if (node == null) {
                continue;
            }
            Set<String> bases = dependencies.computeIfAbsent(node.repository(), repository -> new TreeSet<>());
            for (String base : basesOf(digest)) {
                ImageNode baseNode = nodes.get(base);
                if (baseNode != null && !baseNode.repository().equals(node.repository())) {
                    bases.add(baseNode.repository());
                }
            }
        }
        return dependencies;
    }
}

package io.layerline.catalog.domain.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The base-image graph by digest, with each repository's newest image. An image depends on the bases of all its
 * stages (a new builder image changes what a build produces); its lineage follows the final stage's base only.
 * Walks never loop, whatever the data says. Not thread-safe: its owner guards it.
 */
public final class ImageGraph {

    private final Map<String, ImageNode> nodes = new HashMap<>();
    private final Map<String, Set<BaseEdge>> basesOf = new HashMap<>();
    private final Map<String, Set<String>> childrenOf = new HashMap<>();
    private final Map<String, String> heads = new HashMap<>();
    private final Map<String, String> repositoryNames = new HashMap<>();

    public ImageGraph add(ImageNode node) {
        String repository = repositoryNames.computeIfAbsent(node.repository(), name -> name);
        ImageNode known = nodes.get(node.digest());
        nodes.put(node.digest(), new ImageNode(known == null ? node.digest() : known.digest(), repository));
        return this;
    }

    public ImageGraph add(BaseEdge edge) {
        BaseEdge shared = new BaseEdge(canonical(edge.child()), canonical(edge.base()), edge.reference(),
                edge.finalStage());
        basesOf.computeIfAbsent(shared.child(), digest -> new LinkedHashSet<>()).add(shared);
        childrenOf.computeIfAbsent(shared.base(), digest -> new TreeSet<>()).add(shared.child());
        return this;
    }

    /** The instance of a digest the graph already holds: a large graph keeps each digest once. */
    private String canonical(String digest) {
        ImageNode node = nodes.get(digest);
        return node == null ? digest : node.digest();
    }

    /** Replaces every base recorded for {@code child}, as when a base reference is resolved after the build. */
    public ImageGraph replaceBases(String child, Collection<BaseEdge> edges) {
        for (BaseEdge old : basesOf.getOrDefault(child, Set.of())) {
            Set<String> siblings = childrenOf.get(old.base());
            if (siblings != null) {
                siblings.remove(child);
            }
        }
        basesOf.remove(child);
        edges.forEach(this::add);
        return this;
    }

    /** Every image of a repository. */
    public Set<String> digestsOf(String repository) {
        Set<String> digests = new TreeSet<>();
        nodes.values().forEach(node -> {
            if (node.repository().equals(repository)) {
                digests.add(node.digest());
            }
        });
        return digests;
    }

    /** Makes {@code digest} the newest image of {@code repository}: the one whose bases count for impact. */
    public ImageGraph head(String repository, String digest) {
        heads.put(repository, digest);
        return this;
    }

    /** Each repository's newest image. */
    public Map<String, String> heads() {
        return Collections.unmodifiableMap(heads);
    }

    /** The final stage's base of an image, if one is recorded and resolved. */
    public Optional<BaseEdge> finalBase(String digest) {
        return basesOf.getOrDefault(digest, Set.of()).stream().filter(BaseEdge::finalStage).findFirst();
    }

    /** How many final-stage bases lie below an image: 0 for a root. */
    public int depth(String digest) {
        return lineage(digest).size() - 1;
    }

    /** The repositories whose images the newest image of another repository builds on, in any stage. */
    public Set<String> repositoriesBuiltOn() {
        Set<String> used = new HashSet<>();
        heads.forEach((repository, digest) -> basesOf(digest).forEach(base -> node(base)
                .map(ImageNode::repository).filter(name -> !name.equals(repository)).ifPresent(used::add)));
        return used;
    }

    /**
     * What a change to {@code changedRepositories}, whose affected images are {@code startDigests}, touches: every
     * repository whose newest image descends from those digests, and the waves to rebuild them in.
     */
    public Impact impactOf(Set<String> startDigests, Set<String> changedRepositories) {
        Set<String> descendants = descendants(startDigests);
        Map<String, String> affected = new TreeMap<>();
        heads.forEach((repository, digest) -> {
            if (descendants.contains(digest) && !changedRepositories.contains(repository)) {
                affected.put(repository, digest);
            }
        });
        Map<String, Set<String>> dependencies = repositoryDependencies(affected.values());
        return new Impact(affected, dependencies, RebuildWaves.of(dependencies, changedRepositories));
    }

    /**
     * @param affected     repository → its newest image, for every repository to rebuild
     * @param dependencies each affected repository → the repositories it builds on
     */
    public record Impact(Map<String, String> affected, Map<String, Set<String>> dependencies,
                         RebuildWaves<String> waves) {
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

    /** Every image built on any of {@code digests}, directly or not, without the starting images; in no order. */
    public Set<String> descendants(Collection<String> digests) {
        Set<String> found = new HashSet<>();
        Set<String> start = Set.copyOf(digests);
        Deque<String> queue = new ArrayDeque<>(start);
        while (!queue.isEmpty()) {
            for (String child : childrenOf.getOrDefault(queue.poll(), Set.of())) {
                if (!start.contains(child) && found.add(child)) {
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

package io.layerline.catalog.domain.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The base-image graph by digest, with each repository's newest image. An image depends on the bases of all its
 * stages (a new builder image changes what a build produces); its lineage follows the final stage's base only.
 * Walks never loop, whatever the data says. Not thread-safe: its owner guards it.
 *
 * <p>Held whole in memory (ADR 0007), so kept compact: every digest has a dense int id and the per-image facts are
 * arrays by id; strings are made only for what a query returns.
 */
public final class ImageGraph {

    private static final Edge[] NO_EDGES = new Edge[0];
    private static final int NO_REPOSITORY = -1;

    /** Every digest seen, as an image or only as a base, by dense id. */
    private final DigestTable digests = new DigestTable();
    /** By digest id: the repository id of an image, {@link #NO_REPOSITORY} for a digest known only as a base. */
    private int[] repositoryOf = new int[0];
    /** By digest id: the image's resolved bases, in the order recorded, or null. */
    private Edge[][] basesOf = new Edge[0][];
    /** By digest id: the images built on it, each once, or null. */
    private Ints[] childrenOf = new Ints[0];
    private final List<String> repositoryNames = new ArrayList<>();
    private final Map<String, Integer> repositoryIds = new HashMap<>();
    private final Map<String, String> references = new HashMap<>();
    private final Map<String, String> heads = new HashMap<>();

    /** A resolved base of an image, by the base's digest id; the reference as written, shared between edges. */
    private record Edge(int base, String reference, boolean finalStage) {
    }

    public ImageGraph add(ImageNode node) {
        int id = idOf(node.digest());
        repositoryOf[id] = repositoryIds.computeIfAbsent(node.repository(), name -> {
            repositoryNames.add(name);
            return repositoryNames.size() - 1;
        });
        return this;
    }

    public ImageGraph add(BaseEdge edge) {
        int child = idOf(edge.child());
        Edge added = edge(edge);
        Edge[] bases = basesOf[child] == null ? NO_EDGES : basesOf[child];
        if (Arrays.asList(bases).contains(added)) {
            return this;
        }
        if (Arrays.stream(bases).noneMatch(known -> known.base() == added.base())) {
            children(added.base()).add(child);
        }
        Edge[] grown = Arrays.copyOf(bases, bases.length + 1);
        grown[bases.length] = added;
        basesOf[child] = grown;
        return this;
    }

    /** Replaces every base recorded for {@code child}, as when a base reference is resolved after the build. */
    public ImageGraph replaceBases(String child, Collection<BaseEdge> edges) {
        int id = idOf(child);
        Edge[] replacing = edges.stream().map(this::edge).distinct().toArray(Edge[]::new);
        Edge[] old = basesOf[id] == null ? NO_EDGES : basesOf[id];
        if (Arrays.equals(old, replacing)) {
            return this;
        }
        Arrays.stream(old).mapToInt(Edge::base).distinct().forEach(base -> childrenOf[base].remove(id));
        Arrays.stream(replacing).mapToInt(Edge::base).distinct().forEach(base -> children(base).add(id));
        basesOf[id] = replacing.length == 0 ? null : replacing;
        return this;
    }

    /** Every image of a repository. */
    public Set<String> digestsOf(String repository) {
        Set<String> found = new TreeSet<>();
        Integer wanted = repositoryIds.get(repository);
        if (wanted != null) {
            for (int id = 0; id < digests.size(); id++) {
                if (repositoryOf[id] == wanted) {
                    found.add(digests.digestOf(id));
                }
            }
        }
        return found;
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
        int id = digests.find(digest);
        return finalEdge(id).map(edge -> new BaseEdge(digest, digests.digestOf(edge.base()), edge.reference(), true));
    }

    /** How many final-stage bases lie below an image: 0 for a root. */
    public int depth(String digest) {
        return lineage(digest).size() - 1;
    }

    /** The repositories whose images the newest image of another repository builds on, in any stage. */
    public Set<String> repositoriesBuiltOn() {
        Set<String> used = new HashSet<>();
        heads.forEach((repository, digest) -> basesOf(digests.find(digest)).forEach(base -> {
            int baseRepository = repositoryOf[base];
            if (baseRepository != NO_REPOSITORY && !repositoryNames.get(baseRepository).equals(repository)) {
                used.add(repositoryNames.get(baseRepository));
            }
        }));
        return used;
    }

    /**
     * What a change to {@code changedRepositories}, whose affected images are {@code startDigests}, touches: every
     * repository whose newest image descends from those digests, and the waves to rebuild them in.
     */
    public Impact impactOf(Set<String> startDigests, Set<String> changedRepositories) {
        BitSet descendants = descendantIds(startDigests);
        Map<String, String> affected = new TreeMap<>();
        heads.forEach((repository, digest) -> {
            int id = digests.find(digest);
            if (id >= 0 && descendants.get(id) && !changedRepositories.contains(repository)) {
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
        int id = digests.find(digest);
        return id < 0 || repositoryOf[id] == NO_REPOSITORY ? Optional.empty()
                : Optional.of(new ImageNode(digest, repositoryNames.get(repositoryOf[id])));
    }

    /** The image, its parent, its parent's parent… to the root, along final-stage bases; stops before a repeat. */
    public List<String> lineage(String digest) {
        List<String> lineage = new ArrayList<>();
        lineage.add(digest);
        BitSet seen = new BitSet();
        int current = digests.find(digest);
        while (current >= 0 && !seen.get(current)) {
            seen.set(current);
            Optional<Edge> parent = finalEdge(current);
            current = parent.map(Edge::base).orElse(-1);
            if (current >= 0 && !seen.get(current)) {
                lineage.add(digests.digestOf(current));
            }
        }
        return lineage;
    }

    /** The images built directly on {@code digest}, in any stage. */
    public Set<String> children(String digest) {
        int id = digests.find(digest);
        Set<String> children = new HashSet<>();
        if (id >= 0 && childrenOf[id] != null) {
            childrenOf[id].forEach(child -> children.add(digests.digestOf(child)));
        }
        return children;
    }

    /** Every image built on {@code digest}, directly or through others, without {@code digest} itself. */
    public Set<String> descendants(String digest) {
        return descendants(Set.of(digest));
    }

    /** Every image built on any of {@code digests}, directly or not, without the starting images; in no order. */
    public Set<String> descendants(Collection<String> digests) {
        Set<String> found = new HashSet<>();
        descendantIds(digests).stream().forEach(id -> found.add(this.digests.digestOf(id)));
        return found;
    }

    /** The digests each image was built on, in any stage. */
    public Set<String> basesOf(String digest) {
        Set<String> bases = new TreeSet<>();
        basesOf(digests.find(digest)).forEach(base -> bases.add(digests.digestOf(base)));
        return bases;
    }

    /** Dependencies between repositories: a repository depends on the repositories of its images' bases. */
    public Map<String, Set<String>> repositoryDependencies(Collection<String> digests) {
        Map<String, Set<String>> dependencies = new HashMap<>();
        for (String digest : digests) {
            int id = this.digests.find(digest);
            if (id < 0 || repositoryOf[id] == NO_REPOSITORY) {
                continue;
            }
            String repository = repositoryNames.get(repositoryOf[id]);
            Set<String> bases = dependencies.computeIfAbsent(repository, name -> new TreeSet<>());
            basesOf(id).forEach(base -> {
                int baseRepository = repositoryOf[base];
                if (baseRepository != NO_REPOSITORY && !repositoryNames.get(baseRepository).equals(repository)) {
                    bases.add(repositoryNames.get(baseRepository));
                }
            });
        }
        return dependencies;
    }

    /** The ids of every image built on any of {@code start}, directly or not, without the starting images. */
    private BitSet descendantIds(Collection<String> start) {
        BitSet starting = new BitSet();
        IntStream.Builder roots = IntStream.builder();
        for (String digest : start) {
            int id = digests.find(digest);
            if (id >= 0) {
                starting.set(id);
                roots.add(id);
            }
        }
        BitSet found = new BitSet();
        Ints queue = new Ints();
        roots.build().forEach(queue::add);
        for (int next = 0; next < queue.size(); next++) {
            Ints children = childrenOf[queue.get(next)];
            if (children != null) {
                children.forEach(child -> {
                    if (!starting.get(child) && !found.get(child)) {
                        found.set(child);
                        queue.add(child);
                    }
                });
            }
        }
        return found;
    }

    /** The distinct base ids of an image, in the order recorded; none for an unknown id. */
    private IntStream basesOf(int id) {
        return id < 0 || basesOf[id] == null ? IntStream.empty()
                : Arrays.stream(basesOf[id]).mapToInt(Edge::base).distinct();
    }

    private Optional<Edge> finalEdge(int id) {
        return id < 0 || basesOf[id] == null ? Optional.empty()
                : Arrays.stream(basesOf[id]).filter(Edge::finalStage).findFirst();
    }

    private Edge edge(BaseEdge edge) {
        return new Edge(idOf(edge.base()), references.computeIfAbsent(edge.reference(), reference -> reference),
                edge.finalStage());
    }

    private Ints children(int base) {
        if (childrenOf[base] == null) {
            childrenOf[base] = new Ints();
        }
        return childrenOf[base];
    }

    /** The id of a digest, given now if new, with room for it in every per-id array. */
    private int idOf(String digest) {
        int id = digests.idOf(digest);
        if (id >= repositoryOf.length) {
            int capacity = Math.max(1024, repositoryOf.length * 2);
            int grownFrom = repositoryOf.length;
            repositoryOf = Arrays.copyOf(repositoryOf, capacity);
            Arrays.fill(repositoryOf, grownFrom, capacity, NO_REPOSITORY);
            basesOf = Arrays.copyOf(basesOf, capacity);
            childrenOf = Arrays.copyOf(childrenOf, capacity);
        }
        return id;
    }

    /** A growable list of ints: the children of one base, which may be a million for a popular OS image. */
    private static final class Ints {

        private int[] values = new int[4];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        /** Removes one occurrence; linear, but bases change only when a late base is resolved. */
        void remove(int value) {
            for (int i = 0; i < size; i++) {
                if (values[i] == value) {
                    System.arraycopy(values, i + 1, values, i, size - i - 1);
                    size--;
                    return;
                }
            }
        }

        int get(int index) {
            return values[index];
        }

        int size() {
            return size;
        }

        void forEach(IntConsumer action) {
            for (int i = 0; i < size; i++) {
                action.accept(values[i]);
            }
        }
    }
}

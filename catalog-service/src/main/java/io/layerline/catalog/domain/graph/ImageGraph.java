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
    private static final int NO_HEAD = -1;

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
    /** By repository id: the digest id of its newest image, or {@link #NO_HEAD}. */
    private int[] headOf = new int[0];
    /** By repository id: the ids of its images. */
    private Ints[] imagesOf = new Ints[0];
    private final Map<String, String> references = new HashMap<>();

    /** A resolved base of an image, by the base's digest id; the reference as written, shared between edges. */
    private record Edge(int base, String reference, boolean finalStage) {
    }

    public ImageGraph add(ImageNode node) {
        int id = idOf(node.digest());
        int repository = repositoryId(node.repository());
        if (repositoryOf[id] != repository) {
            if (repositoryOf[id] != NO_REPOSITORY) {
                imagesOf[repositoryOf[id]].remove(id);
            }
            imagesOf[repository].add(id);
            repositoryOf[id] = repository;
        }
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
        Integer id = repositoryIds.get(repository);
        if (id != null) {
            imagesOf[id].forEach(image -> found.add(digests.digestOf(image)));
        }
        return found;
    }

    /** Makes {@code digest} the newest image of {@code repository}: the one whose bases count for impact. */
    public ImageGraph head(String repository, String digest) {
        int head = idOf(digest);
        int id = repositoryId(repository);
        headOf[id] = head;
        return this;
    }

    /** Each repository's newest image. */
    public Map<String, String> heads() {
        Map<String, String> heads = new HashMap<>();
        for (int repository = 0; repository < repositoryNames.size(); repository++) {
            if (headOf[repository] != NO_HEAD) {
                heads.put(repositoryNames.get(repository), digests.digestOf(headOf[repository]));
            }
        }
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
        for (int repository = 0; repository < repositoryNames.size(); repository++) {
            if (headOf[repository] != NO_HEAD) {
                baseRepositories(headOf[repository], repository).forEach(base -> used.add(repositoryNames.get(base)));
            }
        }
        return used;
    }

    /**
     * What a change to {@code changedRepositories}, whose affected images are {@code startDigests}, touches: every
     * repository whose newest image descends from those digests, and the waves to rebuild them in.
     */
    public Impact impactOf(Set<String> startDigests, Set<String> changedRepositories) {
        BitSet descendants = descendantIds(startDigests, headsAndTheirBases());
        Map<String, String> affected = new TreeMap<>();
        Map<String, Set<String>> dependencies = new HashMap<>();
        for (int repository = 0; repository < repositoryNames.size(); repository++) {
            int head = headOf[repository];
            String name = repositoryNames.get(repository);
            if (head != NO_HEAD && descendants.get(head) && !changedRepositories.contains(name)) {
                affected.put(name, digests.digestOf(head));
                Set<String> bases = new TreeSet<>();
                baseRepositories(head, repository).forEach(base -> bases.add(repositoryNames.get(base)));
                dependencies.put(name, bases);
            }
        }
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
        descendantIds(digests, null).stream().forEach(id -> found.add(this.digests.digestOf(id)));
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
            Set<String> bases = dependencies.computeIfAbsent(repositoryNames.get(repositoryOf[id]),
                    name -> new TreeSet<>());
            baseRepositories(id, repositoryOf[id]).forEach(base -> bases.add(repositoryNames.get(base)));
        }
        return dependencies;
    }

    /**
     * The ids of every image built on any of {@code start}, directly or not, without the starting images; with
     * {@code within}, only those among its ids, reached through them.
     */
    private BitSet descendantIds(Collection<String> start, BitSet within) {
        BitSet starting = new BitSet(digests.size());
        Ints queue = new Ints();
        for (String digest : start) {
            int id = digests.find(digest);
            if (id >= 0 && !starting.get(id)) {
                starting.set(id);
                queue.add(id);
            }
        }
        BitSet found = new BitSet(digests.size());
        for (int next = 0; next < queue.size(); next++) {
            Ints children = childrenOf[queue.get(next)];
            for (int i = 0; children != null && i < children.size(); i++) {
                int child = children.get(i);
                if (!starting.get(child) && !found.get(child) && (within == null || within.get(child))) {
                    found.set(child);
                    queue.add(child);
                }
            }
        }
        return found;
    }

    /**
     * The ids of every repository's newest image and of all it builds on, directly or not. A change reaches a head
     * only through images of this set, a few thousand where the graph holds hundreds of thousands of past builds:
     * the impact walks these alone.
     */
    private BitSet headsAndTheirBases() {
        BitSet found = new BitSet(digests.size());
        Ints queue = new Ints();
        for (int repository = 0; repository < repositoryNames.size(); repository++) {
            if (headOf[repository] != NO_HEAD && !found.get(headOf[repository])) {
                found.set(headOf[repository]);
                queue.add(headOf[repository]);
            }
        }
        for (int next = 0; next < queue.size(); next++) {
            Edge[] bases = basesOf[queue.get(next)];
            for (int i = 0; bases != null && i < bases.length; i++) {
                if (!found.get(bases[i].base())) {
                    found.set(bases[i].base());
                    queue.add(bases[i].base());
                }
            }
        }
        return found;
    }

    /** The repositories, other than {@code repository}, of the images an image builds on, by id. */
    private IntStream baseRepositories(int id, int repository) {
        return basesOf(id).map(base -> repositoryOf[base])
                .filter(baseRepository -> baseRepository != NO_REPOSITORY && baseRepository != repository);
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

    private int repositoryId(String name) {
        return repositoryIds.computeIfAbsent(name, added -> {
            int id = repositoryNames.size();
            repositoryNames.add(added);
            if (headOf.length == id) {
                headOf = Arrays.copyOf(headOf, Math.max(64, id * 2));
                Arrays.fill(headOf, id, headOf.length, NO_HEAD);
                imagesOf = Arrays.copyOf(imagesOf, headOf.length);
            }
            imagesOf[id] = new Ints();
            return id;
        });
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

    /** A growable list of ints: the children of one base (a million for a popular OS image), a queue of a walk. */
    private static final class Ints {

        private int[] values = new int[4];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        /** Removes one occurrence; linear, but bases change only when a late base is resolved, repositories rarely. */
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

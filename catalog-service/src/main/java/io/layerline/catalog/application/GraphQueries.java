package io.layerline.catalog.application;

import io.layerline.catalog.application.port.Catalog;
import io.layerline.catalog.application.port.Deployments;
import io.layerline.catalog.domain.graph.ImageGraph;
import io.layerline.catalog.domain.graph.ImageNode;
import io.layerline.catalog.domain.graph.RebuildWaves;
import io.layerline.catalog.domain.graph.Tier;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Lineage, descendants, impact with rebuild waves, search, details and the repository graph. */
@Singleton
public class GraphQueries {

    /** An image with the repository it belongs to. */
    public record ImageInRepository(String digest, String repository) {
    }

    /** A repository whose newest image a base change touches, with who owns it and where it runs. */
    public record Affected(String repository, String digest, int wave, String owner, Tier tier,
                           List<Deployment> deployments) {
    }

    /** What a base change touches, and the waves to rebuild it in; wave 0 holds repositories caught in cycles. */
    public record Impact(List<Affected> affected, List<Set<String>> waves, Set<String> inCycles) {
    }

    public record Filter(String owner, Tier tier, String sourceRepository, String commit, String text) {
    }

    public record Page<T>(List<T> items, String next) {
    }

    public record ImageDetail(List<StoredImage> images, List<StageBase> bases,
                              List<ImageInRepository> lineage, List<ImageInRepository> children,
                              List<Deployment> deployments, List<String> labels) {
    }

    public record RepositoryDetail(RepositoryView view, List<StoredImage> images,
                                   List<ImageInRepository> lineage, List<Deployment> deployments) {
    }

    /** A repository built on another, by the final stage or a builder stage. */
    public record Dependency(String repository, String base, boolean finalStage) {
    }

    public record RepositoryGraph(List<RepositoryView> repositories, List<Dependency> dependencies) {
    }

    private final Catalog catalog;
    private final GraphIndex index;
    private final RepositoryViews views;
    private final Deployments deployments;

    GraphQueries(Catalog catalog, GraphIndex index, RepositoryViews views, Deployments deployments) {
        this.catalog = catalog;
        this.index = index;
        this.views = views;
        this.deployments = deployments;
    }

    public List<ImageInRepository> lineage(String digest) {
        return index.read(graph -> named(graph, graph.lineage(digest)));
    }

    public List<ImageInRepository> descendants(String digest) {
        return index.read(graph -> named(graph, new TreeSet<>(graph.descendants(digest))));
    }

    /** The impact of a change to any image of a repository, or with a tag, to what builds on that tag. */
    @ReadOnly
    public Impact impactOfRepository(String registry, String repository, String tag) {
        String name = registry + "/" + repository;
        Set<String> start = new HashSet<>();
        if (tag != null) {
            catalog.dependantsOfTag(registry, repository, tag).values().stream().map(StageBase::digest)
                    .filter(digest -> digest != null).forEach(start::add);
        }
        return enrich(index.read(graph -> {
            if (tag == null) {
                start.addAll(graph.digestsOf(name));
            }
            return graph.impactOf(start, Set.of(name));
        }));
    }

    /** The impact of a change to one image. */
    @ReadOnly
    public Impact impactOfDigest(String digest) {
        return enrich(index.read(graph -> graph.impactOf(Set.of(digest),
                graph.node(digest).map(node -> Set.of(node.repository())).orElse(Set.of()))));
    }

    @ReadOnly
    public Page<RepositoryView> search(Filter filter, String after, int limit) {
        List<RepositoryView> matching = views.all().stream()
                .filter(view -> after == null || view.name().compareTo(after) > 0)
                .filter(view -> matches(view, filter)).limit(limit + 1L).toList();
        boolean more = matching.size() > limit;
        List<RepositoryView> page = more ? matching.subList(0, limit) : matching;
        return new Page<>(page, more ? page.get(page.size() - 1).name() : null);
    }

    @ReadOnly
    public List<StoredImage> imagesBuiltFrom(String sourceRepository, String commit, int limit) {
        return catalog.imagesBuiltFrom(sourceRepository, commit, limit);
    }

    @ReadOnly
    public Optional<ImageDetail> image(String digest) {
        List<StoredImage> images = catalog.imagesOf(digest);
        if (images.isEmpty()) {
            return Optional.empty();
        }
        List<ImageInRepository> lineage = lineage(digest);
        List<ImageInRepository> children = index.read(graph -> named(graph, graph.children(digest)));
        return Optional.of(new ImageDetail(images, catalog.basesOf(digest), lineage, children,
                deployments.currentOfDigest(digest), deployments.labelsOf(digest)));
    }

    @ReadOnly
    public Optional<RepositoryDetail> repository(String registry, String repository) {
        return views.one(registry, repository).map(view -> new RepositoryDetail(view,
                catalog.imagesOf(registry, repository, 20), lineage(view.head().image().image().digest()),
                deployments.currentOf(List.of(view.name())).getOrDefault(view.name(), List.of())));
    }

    /** The repositories and what they build on; with a root, only it and what builds on it. */
    @ReadOnly
    public RepositoryGraph graph(String root) {
        List<RepositoryView> all = views.all();
        return index.read(graph -> {
            Set<String> included = root == null ? null : subtree(graph, root);
            List<RepositoryView> nodes = all.stream()
                    .filter(view -> included == null || included.contains(view.name())).toList();
            Set<String> names = nodes.stream().map(RepositoryView::name).collect(Collectors.toSet());
            Set<Dependency> edges = new TreeSet<>(Comparator.comparing(Dependency::repository)
                    .thenComparing(Dependency::base).thenComparing(Dependency::finalStage));
            for (RepositoryView view : nodes) {
                String digest = view.head().image().image().digest();
                String finalBase = view.baseRepository();
                for (String base : graph.basesOf(digest)) {
                    graph.node(base).map(ImageNode::repository)
                            .filter(name -> names.contains(name) && !name.equals(view.name()))
                            .ifPresent(name -> edges.add(new Dependency(view.name(), name, name.equals(finalBase))));
                }
            }
            return new RepositoryGraph(nodes, List.copyOf(edges));
        });
    }

    private static Set<String> subtree(ImageGraph graph, String root) {
        Set<String> below = graph.descendants(graph.digestsOf(root));
        Set<String> included = new HashSet<>();
        included.add(root);
        graph.heads().forEach((repository, digest) -> {
            if (below.contains(digest)) {
                included.add(repository);
            }
        });
        return included;
    }

    private Impact enrich(ImageGraph.Impact impact) {
        Map<String, RepositoryView> byName = views.all().stream()
                .filter(view -> impact.affected().containsKey(view.name()))
                .collect(Collectors.toMap(RepositoryView::name, view -> view));
        Map<String, List<Deployment>> running = deployments.currentOf(List.copyOf(byName.keySet()));
        RebuildWaves<String> waves = impact.waves();
        List<Affected> affected = new ArrayList<>();
        impact.affected().forEach((repository, digest) -> {
            RepositoryView view = byName.get(repository);
            affected.add(new Affected(repository, digest, waves.waveOf(repository),
                    view == null ? null : view.metadata().ownerTeam(), view == null ? null : view.tier().tier(),
                    running.getOrDefault(repository, List.of())));
        });
        affected.sort(Comparator.comparingInt(Affected::wave).thenComparing(Affected::repository));
        return new Impact(affected, waves.waves(), waves.inCycles());
    }

    private static boolean matches(RepositoryView view, Filter filter) {
        Image image = view.head().image().image();
        return (filter.owner() == null || filter.owner().equalsIgnoreCase(view.metadata().ownerTeam()))
                && (filter.tier() == null || filter.tier() == view.tier().tier())
                && (filter.sourceRepository() == null || contains(image.sourceRepository(), filter.sourceRepository()))
                && (filter.commit() == null || image.commit() != null && image.commit().startsWith(filter.commit()))
                && (filter.text() == null || contains(view.name(), filter.text())
                || contains(view.metadata().ownerTeam(), filter.text())
                || contains(view.metadata().description(), filter.text()));
    }

    private static boolean contains(String value, String part) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static List<ImageInRepository> named(ImageGraph graph, java.util.Collection<String> digests) {
        return digests.stream().map(digest -> new ImageInRepository(digest,
                graph.node(digest).map(ImageNode::repository).orElse(null))).toList();
    }
}

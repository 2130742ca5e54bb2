package io.layerline.catalog.application;

import io.layerline.catalog.domain.graph.ImageGraph;
import io.layerline.catalog.domain.graph.RebuildWaves;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Lineage, descendants, and the impact of a base change with its rebuild waves. */
@Singleton
public class GraphQueries {

    /**
     * What a change to a base touches: every repository whose newest image descends from it, with that image, and
     * the waves to rebuild them in.
     */
    public record Impact(Map<String, String> affected, RebuildWaves<String> waves) {
    }

    private final Catalog catalog;

    GraphQueries(Catalog catalog) {
        this.catalog = catalog;
    }

    @ReadOnly
    public List<String> lineage(String digest) {
        return catalog.graph().lineage(digest);
    }

    @ReadOnly
    public Set<String> descendants(String digest) {
        return catalog.graph().descendants(digest);
    }

    /** The impact of a change to any image of a repository. */
    @ReadOnly
    public Impact impactOfRepository(String registry, String repository) {
        return impact(catalog.graph(), catalog.digestsOf(registry, repository), Set.of(registry + "/" + repository));
    }

    /** The impact of a change to one image. */
    @ReadOnly
    public Impact impactOfDigest(String digest) {
        ImageGraph graph = catalog.graph();
        Set<String> changed = graph.node(digest).map(node -> Set.of(node.repository())).orElse(Set.of());
        return impact(graph, Set.of(digest), changed);
    }

    private Impact impact(ImageGraph graph, Set<String> startDigests, Set<String> changedRepositories) {
        Set<String> descendants = graph.descendants(startDigests);
        Map<String, String> affected = catalog.heads().entrySet().stream()
                .filter(head -> descendants.contains(head.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        Map<String, Set<String>> dependencies = graph.repositoryDependencies(affected.values());
        return new Impact(affected, RebuildWaves.of(dependencies, changedRepositories));
    }
}

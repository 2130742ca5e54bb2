package io.layerline.catalog.application;

import io.layerline.catalog.application.port.Catalog;
import io.layerline.catalog.application.port.RepositoryMetadata;
import io.layerline.catalog.domain.graph.BaseEdge;
import io.layerline.catalog.domain.graph.ImageGraph;
import io.layerline.catalog.domain.graph.ImageNode;
import io.layerline.catalog.domain.graph.TierRules;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every repository with its tier decided and its place in the graph: what search, governance and the UI show. */
@Singleton
public class RepositoryViews {

    private final Catalog catalog;
    private final RepositoryMetadata metadata;
    private final GraphIndex index;
    private final TierRules tierRules;

    RepositoryViews(Catalog catalog, RepositoryMetadata metadata, GraphIndex index, TierRules tierRules) {
        this.catalog = catalog;
        this.metadata = metadata;
        this.index = index;
        this.tierRules = tierRules;
    }

    /** Sorted by name. */
    @ReadOnly
    public List<RepositoryView> all() {
        List<RepositoryHead> heads = catalog.heads();
        Map<String, Metadata> entered = metadata.all();
        return index.read((ImageGraph graph) -> {
            Set<String> builtOn = graph.repositoriesBuiltOn();
            List<RepositoryView> views = new ArrayList<>(heads.size());
            for (RepositoryHead head : heads) {
                views.add(view(graph, builtOn, head, entered.getOrDefault(head.name(),
                        Metadata.NONE)));
            }
            return views;
        });
    }

    /** One repository, reading only its own head and metadata. */
    @ReadOnly
    public Optional<RepositoryView> one(String registry, String repository) {
        Optional<RepositoryHead> head = catalog.head(registry, repository);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Metadata meta = metadata.of(registry, repository).orElse(Metadata.NONE);
        return Optional.of(index.read((ImageGraph graph) -> view(graph, graph.repositoriesBuiltOn(), head.get(),
                meta)));
    }

    private RepositoryView view(ImageGraph graph, Set<String> builtOn, RepositoryHead head,
                                Metadata meta) {
        String digest = head.image().image().digest();
        Optional<BaseEdge> base = graph.finalBase(digest);
        int depth = graph.depth(digest);
        boolean dependants = builtOn.contains(head.name());
        String baseRepository = base.flatMap(edge -> graph.node(edge.base())).map(ImageNode::repository).orElse(null);
        return new RepositoryView(head, meta, tierRules.assign(head.name(), meta.tier(), depth, dependants),
                baseRepository, head.baseReference(), depth, dependants);
    }
}

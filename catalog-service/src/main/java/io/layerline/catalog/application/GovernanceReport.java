package io.layerline.catalog.application;

import io.layerline.catalog.application.port.Catalog;
import io.layerline.catalog.domain.governance.GovernanceRules;
import io.layerline.catalog.domain.governance.RepositoryFacts;
import io.layerline.catalog.domain.governance.Violation;
import io.layerline.catalog.domain.graph.Cycles;
import io.layerline.catalog.domain.graph.Tier;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Where the repositories break the platform team's rules, worked out from the catalog as it is now. */
@Singleton
public class GovernanceReport {

    private final RepositoryViews views;
    private final Catalog catalog;
    private final GraphIndex index;
    private final GovernanceRules rules;
    private final Clock clock;

    GovernanceReport(RepositoryViews views, Catalog catalog, GraphIndex index, GovernanceRules rules, Clock clock) {
        this.views = views;
        this.catalog = catalog;
        this.index = index;
        this.rules = rules;
        this.clock = clock;
    }

    /** Sorted by repository, then kind. */
    @ReadOnly
    public List<Violation> violations() {
        List<RepositoryView> all = views.all();
        Map<String, Tier> tiers = all.stream().collect(Collectors.toMap(RepositoryView::name, v -> v.tier().tier()));
        Map<String, RepositoryFacts.Staleness> staleness = catalog.staleness();
        Set<String> inCycles = index.read(graph -> Cycles.in(graph.repositoryDependencies(graph.heads().values())));
        Instant now = clock.instant();
        BaseKindGroups kinds = new BaseKindGroups(all);
        List<Violation> violations = new ArrayList<>();
        for (RepositoryView view : all) {
            RepositoryFacts facts = new RepositoryFacts(view.name(), view.tier().tier(), view.metadata().ownerTeam(),
                    view.head().image().image().layerCount(), view.baseReference(), view.baseRepository(),
                    view.baseRepository() == null ? null : tiers.get(view.baseRepository()),
                    staleness.get(view.name()), view.hasDependants(), inCycles.contains(view.name()),
                    kinds.kind(view.name()), kinds.sameKind(view));
            violations.addAll(rules.check(facts, now));
        }
        return violations;
    }
}

package io.layerline.catalog.application;

import io.layerline.catalog.domain.gate.BaseKinds;
import io.layerline.catalog.domain.graph.Tier;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bases of the catalog grouped by tier and kind (every JDK 17 runtime together): what the governance report and
 * the gate count when they look for interchangeable bases. An application is no base and has no kind.
 */
final class BaseKindGroups {

    private final Map<String, String> kinds = new HashMap<>();
    private final Map<String, Set<String>> byTierAndKind = new HashMap<>();

    BaseKindGroups(List<RepositoryView> views) {
        for (RepositoryView view : views) {
            kindOf(view).ifPresent(kind -> {
                kinds.put(view.name(), kind);
                byTierAndKind.computeIfAbsent(key(view.tier().tier(), kind), key -> new HashSet<>()).add(view.name());
            });
        }
    }

    /** The kind of base {@code view} is, read from its name and its newest image's tags. */
    static Optional<String> kindOf(RepositoryView view) {
        return view.tier().tier() == Tier.APP ? Optional.empty()
                : BaseKinds.of(view.name(), List.copyOf(view.head().image().image().tags()));
    }

    /** The kind of the repository named {@code name}; null when it has none. */
    String kind(String name) {
        return kinds.get(name);
    }

    /** The repositories of the tier and kind of {@code view}, itself included; empty when it has no kind. */
    Set<String> sameKind(RepositoryView view) {
        String kind = kinds.get(view.name());
        return kind == null ? Set.of() : Set.copyOf(byTierAndKind.get(key(view.tier().tier(), kind)));
    }

    private static String key(Tier tier, String kind) {
        return tier + "/" + kind;
    }
}

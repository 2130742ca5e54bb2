package io.layerline.catalog.application;

import io.layerline.catalog.domain.governance.GovernanceRules;
import io.layerline.catalog.domain.graph.RepositoryPattern;
import io.layerline.catalog.domain.graph.Tier;
import io.layerline.catalog.domain.graph.TierRules;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The catalog's rules from configuration. Patterns come as {@code pattern=tier} (tier rules) and
 * {@code tier=pattern} (standard bases) strings, so a list fits one environment variable; a typo stops the start.
 */
@Factory
class CatalogSettings {

    @Singleton
    TierRules tierRules(@Value("${layerline.catalog.tier-rules}") List<String> rules) {
        List<TierRules.Rule> parsed = new ArrayList<>();
        for (String rule : nonBlank(rules)) {
            String[] parts = split(rule, "layerline.catalog.tier-rules", "pattern=tier");
            parsed.add(new TierRules.Rule(new RepositoryPattern(parts[0]), tier(parts[1], rule)));
        }
        return new TierRules(parsed);
    }

    @Singleton
    GovernanceRules governanceRules(@Value("${layerline.catalog.governance.standard-bases}") List<String> bases,
                                    @Value("${layerline.catalog.governance.stale-after}") Duration staleAfter,
                                    @Value("${layerline.catalog.governance.stale-after-digests}") int staleDigests,
                                    @Value("${layerline.catalog.governance.max-layers}") int maxLayers,
                                    @Value("${layerline.catalog.governance.bases-per-kind}") int basesPerKind) {
        Map<Tier, List<RepositoryPattern>> standard = new EnumMap<>(Tier.class);
        for (String entry : nonBlank(bases)) {
            String[] parts = split(entry, "layerline.catalog.governance.standard-bases", "tier=pattern");
            standard.computeIfAbsent(tier(parts[0], entry), tier -> new ArrayList<>())
                    .add(new RepositoryPattern(parts[1]));
        }
        return new GovernanceRules(standard, staleAfter, staleDigests, maxLayers, basesPerKind);
    }

    /** Repositories that cascades never rebuild (their owners rebuild them by hand). */
    @Singleton
    CascadeExclusions cascadeExclusions(@Value("${layerline.catalog.cascades.excluded}") List<String> patterns) {
        List<RepositoryPattern> parsed = nonBlank(patterns).stream().map(RepositoryPattern::new).toList();
        return new CascadeExclusions(repository -> parsed.stream().anyMatch(p -> p.matches(repository)));
    }

    private static List<String> nonBlank(List<String> entries) {
        return entries.stream().filter(entry -> !entry.isBlank()).toList();
    }

    private static String[] split(String entry, String property, String shape) {
        String[] parts = entry.split("=", 2);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException(property + ": '" + entry + "' is not " + shape);
        }
        return new String[] {parts[0].trim(), parts[1].trim()};
    }

    private static Tier tier(String name, String entry) {
        try {
            return Tier.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + entry + "': tier must be one of os, runtime, tooling, app", e);
        }
    }
}

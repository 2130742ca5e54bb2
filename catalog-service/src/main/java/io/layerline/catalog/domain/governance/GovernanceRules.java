package io.layerline.catalog.domain.governance;

import io.layerline.catalog.domain.graph.RepositoryPattern;
import io.layerline.catalog.domain.graph.Tier;
import io.layerline.catalog.domain.governance.RepositoryFacts.Staleness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The platform team's rules for images, and the check that finds where they are broken.
 *
 * @param standardBases  for each tier, the bases its images may use; a tier without an entry may use any base
 * @param staleAfter     a base tag that moved on longer ago than this makes its dependants stale
 * @param staleAfterDigests a base tag that moved on this many times makes its dependants stale, however recently
 * @param maxLayers      more layers than this is a violation
 */
public record GovernanceRules(Map<Tier, List<RepositoryPattern>> standardBases, Duration staleAfter,
                              int staleAfterDigests, int maxLayers) {

    public GovernanceRules {
        standardBases = Map.copyOf(standardBases);
    }

    public List<Violation> check(RepositoryFacts facts, Instant now) {
        List<Violation> violations = new ArrayList<>();
        String repository = facts.repository();
        if (facts.owner() == null || facts.owner().isBlank()) {
            violations.add(new Violation(repository, Violation.Kind.NO_OWNER, "no owner team is recorded"));
        }
        List<RepositoryPattern> standard = standardBases.get(facts.tier());
        if (standard != null && !standard.isEmpty() && facts.baseReference() != null
                && standard.stream().noneMatch(pattern -> isStandard(pattern, facts))) {
            violations.add(new Violation(repository, Violation.Kind.NON_STANDARD_BASE,
                    "base " + facts.baseReference() + " is not a standard " + facts.tier().name().toLowerCase()
                            + " base"));
        }
        Staleness staleness = facts.staleness();
        if (staleness != null && (staleness.digestsBehind() >= staleAfterDigests
                || Duration.between(staleness.behindSince(), now).compareTo(staleAfter) > 0)) {
            violations.add(new Violation(repository, Violation.Kind.STALE_BASE,
                    "base " + facts.baseReference() + " moved on " + staleness.digestsBehind()
                            + " digest(s) ago, first at " + staleness.behindSince()));
        }
        if (facts.layerCount() != null && facts.layerCount() > maxLayers) {
            violations.add(new Violation(repository, Violation.Kind.TOO_MANY_LAYERS,
                    facts.layerCount() + " layers, more than " + maxLayers));
        }
        if (facts.tier() == Tier.APP && facts.hasDependants()) {
            violations.add(new Violation(repository, Violation.Kind.APP_USED_AS_BASE,
                    "an application image is used as a base"));
        }
        boolean appOnApp = facts.tier() == Tier.APP && facts.baseTier() == Tier.APP;
        if (facts.baseTier() != null && !facts.tier().mayBuildOn(facts.baseTier()) && !appOnApp) {
            violations.add(new Violation(repository, Violation.Kind.TIER_INVERSION,
                    "a " + facts.tier().name().toLowerCase() + " image built on " + facts.baseRepository() + " ("
                            + facts.baseTier().name().toLowerCase() + ")"));
        }
        if (facts.inCycle()) {
            violations.add(new Violation(repository, Violation.Kind.CYCLE,
                    "its bases lead back to itself"));
        }
        return violations;
    }

    private static boolean isStandard(RepositoryPattern pattern, RepositoryFacts facts) {
        return pattern.matches(facts.baseReference())
                || facts.baseRepository() != null && pattern.matches(facts.baseRepository());
    }
}

package io.layerline.catalog.domain.governance;

import io.layerline.catalog.domain.graph.RepositoryPattern;
import io.layerline.catalog.domain.graph.Tier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform team's rules for images, as configured, and the check that finds where they are broken: each rule is
 * a {@link GovernanceRule} of its own.
 *
 * @param standardBases     for each tier, the bases its images may use; a tier without an entry may use any base
 * @param staleAfter        a base tag that moved on longer ago than this makes its dependants stale
 * @param staleAfterDigests a base tag that moved on this many times makes its dependants stale, however recently
 * @param maxLayers         more layers than this is a violation
 * @param basesPerKind      how many bases of one kind (one JDK major version, say) one tier may hold
 */
public record GovernanceRules(Map<Tier, List<RepositoryPattern>> standardBases, Duration staleAfter,
                              int staleAfterDigests, int maxLayers, int basesPerKind) {

    public GovernanceRules {
        standardBases = Map.copyOf(standardBases);
    }

    /** The rules, in the order their violations are reported. */
    public List<GovernanceRule> rules() {
        return List.of(new GovernanceRule.OwnerRecorded(), new GovernanceRule.StandardBase(standardBases),
                new GovernanceRule.FreshBase(staleAfter, staleAfterDigests), new GovernanceRule.LayerLimit(maxLayers),
                new GovernanceRule.AppNotABase(), new GovernanceRule.TiersInOrder(), new GovernanceRule.NoCycle(),
                new GovernanceRule.FewBasesOfAKind(basesPerKind));
    }

    public List<Violation> check(RepositoryFacts facts, Instant now) {
        return rules().stream().map(rule -> rule.check(facts, now)).flatMap(Optional::stream).toList();
    }
}

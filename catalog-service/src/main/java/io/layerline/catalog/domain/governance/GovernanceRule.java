package io.layerline.catalog.domain.governance;

import io.layerline.catalog.domain.governance.RepositoryFacts.Staleness;
import io.layerline.catalog.domain.graph.RepositoryPattern;
import io.layerline.catalog.domain.graph.Tier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** One of the platform team's rules for images: where a repository breaks it, the violation, with why. */
public sealed interface GovernanceRule permits GovernanceRule.OwnerRecorded, GovernanceRule.StandardBase,
        GovernanceRule.FreshBase, GovernanceRule.LayerLimit, GovernanceRule.AppNotABase,
        GovernanceRule.TiersInOrder, GovernanceRule.NoCycle, GovernanceRule.FewBasesOfAKind {

    Optional<Violation> check(RepositoryFacts facts, Instant now);

    /** Every image has an owner team. */
    record OwnerRecorded() implements GovernanceRule {
        @Override
        public Optional<Violation> check(RepositoryFacts facts, Instant now) {
            return facts.owner() == null || facts.owner().isBlank()
                    ? Optional.of(new Violation(facts.repository(), Violation.Kind.NO_OWNER,
                    "no owner team is recorded"))
                    : Optional.empty();
        }
    }

    /** @param standardBases for each tier, the bases its images may use; a tier without an entry may use any base */
    record StandardBase(Map<Tier, List<RepositoryPattern>> standardBases) implements GovernanceRule {

        public StandardBase {
            standardBases = Map.copyOf(standardBases);
        }

        @Override
        public Optional<Violation> check(RepositoryFacts facts, Instant now) {
            List<RepositoryPattern> standard = standardBases.get(facts.tier());
            if (standard == null || standard.isEmpty() || facts.baseReference() == null
                    || standard.stream().anyMatch(pattern -> pattern.matches(facts.baseReference())
                    || facts.baseRepository() != null && pattern.matches(facts.baseRepository()))) {
                return Optional.empty();
            }
            return Optional.of(new Violation(facts.repository(), Violation.Kind.NON_STANDARD_BASE,
                    "base " + facts.baseReference() + " is not a standard "
                            + facts.tier().name().toLowerCase(Locale.ROOT)
                            + " base"));
        }
    }

    /**
     * @param staleAfter        a base tag that moved on longer ago than this makes its dependants stale
     * @param staleAfterDigests a base tag that moved on this many times makes its dependants stale, however recently
     */
    record FreshBase(Duration staleAfter, int staleAfterDigests) implements GovernanceRule {
        @Override
        public Optional<Violation> check(RepositoryFacts facts, Instant now) {
            Staleness staleness = facts.staleness();
            if (staleness == null || staleness.digestsBehind() < staleAfterDigests
                    && Duration.between(staleness.behindSince(), now).compareTo(staleAfter) <= 0) {
                return Optional.empty();
            }
            return Optional.of(new Violation(facts.repository(), Violation.Kind.STALE_BASE,
                    "base " + facts.baseReference() + " moved on " + staleness.digestsBehind()
                            + " digest(s) ago, first at " + staleness.behindSince()));
        }
    }

    /** @param maxLayers more layers than this is a violation */
    record LayerLimit(int maxLayers) implements GovernanceRule {
        @Override
        public Optional<Violation> check(RepositoryFacts facts, Instant now) {
            return facts.layerCount() != null && facts.layerCount() > maxLayers
                    ? Optional.of(new Violation(facts.repository(), Violation.Kind.TOO_MANY_LAYERS,
                    facts.layerCount() + " layers, more than " + maxLayers))
                    : Optional.empty();
        }
    }

    /** An application image is not a base for other images. */
    record AppNotABase() implements GovernanceRule {
        @Override
        public Optional<Violation> check(RepositoryFacts facts, Instant now) {
            return facts.tier() == Tier.APP && facts.hasDependants()
                    ? Optional.of(new Violation(facts.repository(), Violation.Kind.APP_USED_AS_BASE,
                    "an application image is used as a base"))
                    : Optional.empty();
        }
    }

    /** An image builds on a lower tier (OS → runtime → tooling → app); an app on an app is told apart above. */
    record TiersInOrder() implements GovernanceRule {
        @Override
        public Optional<Violation> check(RepositoryFacts facts, Instant now) {
            boolean appOnApp = facts.tier() == Tier.APP && facts.baseTier() == Tier.APP;
            if (facts.baseTier() == null || facts.tier().mayBuildOn(facts.baseTier()) || appOnApp) {
                return Optional.empty();
            }
            return Optional.of(new Violation(facts.repository(), Violation.Kind.TIER_INVERSION,
                    "a " + facts.tier().name().toLowerCase(Locale.ROOT) + " image built on " + facts.baseRepository()
                            + " ("
                            + facts.baseTier().name().toLowerCase(Locale.ROOT) + ")"));
        }
    }

    /** No image's bases lead back to itself. */
    record NoCycle() implements GovernanceRule {
        @Override
        public Optional<Violation> check(RepositoryFacts facts, Instant now) {
            return facts.inCycle()
                    ? Optional.of(new Violation(facts.repository(), Violation.Kind.CYCLE,
                    "its bases lead back to itself"))
                    : Optional.empty();
        }
    }

    /**
     * @param max how many bases of one kind a tier may hold: two JDK 17 runtimes on different bases are one too many
     */
    record FewBasesOfAKind(int max) implements GovernanceRule {
        @Override
        public Optional<Violation> check(RepositoryFacts facts, Instant now) {
            if (facts.kind() == null || facts.sameKind().size() <= max) {
                return Optional.empty();
            }
            return Optional.of(new Violation(facts.repository(), Violation.Kind.DUPLICATE_BASE,
                    "one of " + facts.sameKind().size() + " " + facts.kind() + " "
                            + facts.tier().name().toLowerCase(Locale.ROOT) + " bases ("
                            + String.join(", ", new TreeSet<>(facts.sameKind())) + "), at most " + max));
        }
    }
}

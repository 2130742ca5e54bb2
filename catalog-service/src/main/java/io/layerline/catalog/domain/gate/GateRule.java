package io.layerline.catalog.domain.gate;

import io.layerline.catalog.domain.graph.RepositoryPattern;
import io.layerline.catalog.domain.graph.Tier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One rule an image must meet. Each but {@link KnownImage} holds for an image the catalog does not know: that one
 * rule answers for it.
 */
public sealed interface GateRule permits GateRule.KnownImage, GateRule.StandardBase, GateRule.AllowedRegistries,
        GateRule.BasesPerKind, GateRule.FreshBase, GateRule.LayerLimit, GateRule.CriticalVulnerabilities,
        GateRule.PromotionPath {

    /** How the rule is named in configuration, answers and metrics, e.g. {@code standard-base}. */
    String name();

    /** Why the image breaks the rule when it is to run in {@code environment}; empty when it holds. */
    Optional<String> breach(ImageFacts facts, String environment, Instant now);

    /** The catalog knows the image: it was built or pushed where Layerline sees it. */
    record KnownImage() implements GateRule {
        @Override
        public String name() {
            return "known-image";
        }

        @Override
        public Optional<String> breach(ImageFacts facts, String environment, Instant now) {
            return facts.known() ? Optional.empty()
                    : Optional.of("the catalog does not know " + facts.reference());
        }
    }

    /** @param standardBases for each tier, the bases its images may use; a tier without an entry may use any */
    record StandardBase(Map<Tier, List<RepositoryPattern>> standardBases) implements GateRule {

        public StandardBase {
            standardBases = Map.copyOf(standardBases);
        }

        @Override
        public String name() {
            return "standard-base";
        }

        @Override
        public Optional<String> breach(ImageFacts facts, String environment, Instant now) {
            List<RepositoryPattern> standard = facts.tier() == null ? null : standardBases.get(facts.tier());
            Optional<ImageFacts.Base> base = facts.bases().stream().filter(ImageFacts.Base::finalStage)
                    .filter(b -> b.registry() != null).findFirst();
            if (!facts.known() || standard == null || standard.isEmpty() || base.isEmpty()
                    || standard.stream().anyMatch(pattern -> pattern.matches(base.get().reference())
                    || facts.finalBase() != null && pattern.matches(facts.finalBase()))) {
                return Optional.empty();
            }
            return Optional.of("base " + base.get().reference() + " is not a standard "
                    + facts.tier().name().toLowerCase(Locale.ROOT) + " base");
        }
    }

    /** @param registries globs of the registry hosts images and their bases may come from */
    record AllowedRegistries(List<RepositoryPattern> registries) implements GateRule {

        public AllowedRegistries {
            registries = List.copyOf(registries);
        }

        @Override
        public String name() {
            return "allowed-registries";
        }

        @Override
        public Optional<String> breach(ImageFacts facts, String environment, Instant now) {
            if (registries.isEmpty()) {
                return Optional.empty();
            }
            TreeSet<String> refused = new TreeSet<>();
            if (!allowed(facts.registry())) {
                refused.add(facts.registry());
            }
            facts.bases().stream().map(ImageFacts.Base::registry).filter(registry -> registry != null)
                    .filter(registry -> !allowed(registry)).forEach(refused::add);
            return refused.isEmpty() ? Optional.empty()
                    : Optional.of("from a registry that is not allowed: " + String.join(", ", refused));
        }

        private boolean allowed(String registry) {
            return registries.stream().anyMatch(pattern -> pattern.matches(registry));
        }
    }

    /** @param max how many standard bases of one kind (one JDK major version, say) may exist side by side */
    record BasesPerKind(int max) implements GateRule {
        @Override
        public String name() {
            return "bases-per-kind";
        }

        @Override
        public Optional<String> breach(ImageFacts facts, String environment, Instant now) {
            if (!facts.known() || facts.baseKind() == null || facts.sameKindBases().size() <= max) {
                return Optional.empty();
            }
            return Optional.of(facts.sameKindBases().size() + " " + facts.baseKind() + " bases ("
                    + String.join(", ", new TreeSet<>(facts.sameKindBases())) + "), at most " + max + " of a kind");
        }
    }

    /**
     * @param staleAfter        a base tag that moved on longer ago than this makes the image stale
     * @param staleAfterDigests a base tag that moved on this many times makes it stale, however recently
     */
    record FreshBase(Duration staleAfter, int staleAfterDigests) implements GateRule {
        @Override
        public String name() {
            return "fresh-base";
        }

        @Override
        public Optional<String> breach(ImageFacts facts, String environment, Instant now) {
            if (!facts.known() || facts.staleness() == null
                    || facts.staleness().digestsBehind() < staleAfterDigests
                    && Duration.between(facts.staleness().behindSince(), now).compareTo(staleAfter) <= 0) {
                return Optional.empty();
            }
            return Optional.of("its base moved on " + facts.staleness().digestsBehind() + " digest(s) ago, first at "
                    + facts.staleness().behindSince() + ": rebuild it on the new base");
        }
    }

    /** @param max more layers than this breaks the rule */
    record LayerLimit(int max) implements GateRule {
        @Override
        public String name() {
            return "layer-limit";
        }

        @Override
        public Optional<String> breach(ImageFacts facts, String environment, Instant now) {
            return facts.known() && facts.layerCount() != null && facts.layerCount() > max
                    ? Optional.of(facts.layerCount() + " layers, more than " + max) : Optional.empty();
        }
    }

    /**
     * @param max more critical vulnerabilities than this breaks the rule; no scan breaks it too (a candidate, not
     *            built yet, is scanned once it is pushed)
     */
    record CriticalVulnerabilities(int max) implements GateRule {
        @Override
        public String name() {
            return "critical-vulnerabilities";
        }

        @Override
        public Optional<String> breach(ImageFacts facts, String environment, Instant now) {
            if (!facts.known() || facts.candidate()) {
                return Optional.empty();
            }
            if (facts.scan() == null || facts.scan().critical() == null) {
                return Optional.of("no vulnerability scan of " + facts.digest() + " is recorded");
            }
            return facts.scan().critical() > max
                    ? Optional.of(facts.scan().critical() + " critical vulnerabilities, more than " + max)
                    : Optional.empty();
        }
    }

    /**
     * @param from the environment a digest must have succeeded in before it may run in {@code to}; a candidate is
     *             built, not deployed, and answers for its digest later
     */
    record PromotionPath(String from, String to) implements GateRule {
        @Override
        public String name() {
            return "promotion-path";
        }

        @Override
        public Optional<String> breach(ImageFacts facts, String environment, Instant now) {
            if (!to.equals(environment) || facts.succeededIn().contains(from) || facts.candidate()) {
                return Optional.empty();
            }
            return Optional.of(to + " takes only digests that succeeded in " + from + ", and "
                    + (facts.known() ? facts.digest() : facts.reference()) + " did not");
        }
    }
}

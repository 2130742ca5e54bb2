package io.layerline.catalog.domain.gate;

import io.layerline.catalog.domain.graph.RepositoryPattern;

import java.time.Instant;

/**
 * A rule as set: the platform's (no owner, every repository) or a team's, for the repositories it owns that match
 * {@code repositories}.
 */
public record ConfiguredRule(GateRule rule, Mode mode, String owner, RepositoryPattern repositories) {

    public static ConfiguredRule platform(GateRule rule, Mode mode) {
        return new ConfiguredRule(rule, mode, null, new RepositoryPattern("**"));
    }

    /** A team's rule binds only the repositories that team owns; the platform's bind every image. */
    public boolean binds(ImageFacts facts) {
        return owner == null || owner.equals(facts.owner()) && repositories.matches(facts.name());
    }

    public RuleVerdict check(ImageFacts facts, String environment, Instant now) {
        if (mode == Mode.OFF) {
            return new RuleVerdict(rule.name(), owner, mode, false, "off");
        }
        return rule.breach(facts, environment, now)
                .map(reason -> new RuleVerdict(rule.name(), owner, mode, true, reason))
                .orElseGet(() -> new RuleVerdict(rule.name(), owner, mode, false, "holds"));
    }
}

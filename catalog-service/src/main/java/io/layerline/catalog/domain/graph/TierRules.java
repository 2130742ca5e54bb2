package io.layerline.catalog.domain.graph;

import java.util.List;

/**
 * How a repository's tier is decided: what its owners entered wins; else the first repository pattern that matches;
 * else its place in the graph — a repository nothing builds on is an application, a root is an OS base, one level
 * up a runtime, anything higher tooling.
 */
public record TierRules(List<Rule> rules) {

    public record Rule(RepositoryPattern pattern, Tier tier) {
    }

    public enum Source { EXPLICIT, RULE, GRAPH }

    public record Assignment(Tier tier, Source source) {
    }

    public TierRules {
        rules = List.copyOf(rules);
    }

    /**
     * @param depth         how many final-stage bases lie below the repository's newest image (0 for a root)
     * @param hasDependants whether another repository's newest image builds on it
     */
    public Assignment assign(String repository, Tier explicit, int depth, boolean hasDependants) {
        if (explicit != null) {
            return new Assignment(explicit, Source.EXPLICIT);
        }
        for (Rule rule : rules) {
            if (rule.pattern().matches(repository)) {
                return new Assignment(rule.tier(), Source.RULE);
            }
        }
        if (!hasDependants) {
            return new Assignment(Tier.APP, Source.GRAPH);
        }
        return new Assignment(depth == 0 ? Tier.OS : depth == 1 ? Tier.RUNTIME : Tier.TOOLING, Source.GRAPH);
    }
}

package io.layerline.catalog.domain.gate;

import java.util.List;
import java.util.stream.Collectors;

/** The evaluation of one image for one environment: the worst of its rules' outcomes, and each rule's verdict. */
public record GateVerdict(Outcome outcome, List<RuleVerdict> rules) {

    public GateVerdict {
        rules = List.copyOf(rules);
    }

    public static GateVerdict of(List<RuleVerdict> rules) {
        return new GateVerdict(rules.stream().map(RuleVerdict::outcome).reduce(Outcome.PASS, Outcome::worst), rules);
    }

    /** The rules with this outcome. */
    public List<RuleVerdict> with(Outcome outcome) {
        return rules.stream().filter(rule -> rule.outcome() == outcome).toList();
    }

    /** "standard-base: base … is not a standard app base; payments/layer-limit: 52 layers, more than 30". */
    public String explain(Outcome outcome) {
        return with(outcome).stream().map(rule -> rule.qualifiedName() + ": " + rule.reason())
                .collect(Collectors.joining("; "));
    }
}

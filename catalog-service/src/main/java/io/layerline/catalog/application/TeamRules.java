package io.layerline.catalog.application;

import io.layerline.catalog.application.port.Gates;
import io.layerline.catalog.domain.gate.ConfiguredRule;
import io.layerline.catalog.domain.gate.GateRule;
import io.layerline.catalog.domain.gate.Mode;
import io.layerline.catalog.domain.graph.RepositoryPattern;
import io.layerline.catalog.domain.graph.Tier;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The owners' rules: a team adds rules for the repositories it owns — an admin for any team, an operator for the
 * teams its identity carries. A team's rule adds to the platform's, it never loosens them.
 */
@Singleton
public class TeamRules {

    /** The rules a team may set, and the one parameter each takes. */
    static final Map<String, String> PARAMETERS = Map.of(
            "known-image", "",
            "standard-base", "patterns",
            "allowed-registries", "patterns",
            "fresh-base", "days",
            "layer-limit", "max",
            "critical-vulnerabilities", "max");

    /** What a caller asks to add. */
    public record Draft(String team, String repositories, String rule, String mode, Integer max, Integer days,
                        List<String> patterns) {
    }

    /** Who asks: an admin, or the teams its identity carries. */
    public record Caller(String name, boolean admin, Set<String> teams) {

        boolean mayChange(String team) {
            return admin || teams.contains(team);
        }
    }

    public sealed interface Outcome permits Added, Refused, Forbidden, Removed, NotFound {
    }

    public record Added(TeamRule rule) implements Outcome {
    }

    /** @param problems field → what is wrong with it */
    public record Refused(Map<String, String> problems) implements Outcome {
    }

    public record Forbidden(String team) implements Outcome {
    }

    public record Removed() implements Outcome {
    }

    public record NotFound(long id) implements Outcome {
    }

    private final Gates gates;
    private final Clock clock;

    TeamRules(Gates gates, Clock clock) {
        this.gates = gates;
        this.clock = clock;
    }

    @ReadOnly
    public List<TeamRule> all() {
        return gates.teamRules();
    }

    @Transactional
    public Outcome add(Draft draft, Caller caller) {
        Map<String, String> problems = problems(draft);
        if (!problems.isEmpty()) {
            return new Refused(problems);
        }
        if (!caller.mayChange(draft.team())) {
            return new Forbidden(draft.team());
        }
        return new Added(gates.addTeamRule(new TeamRule(null, draft.team().strip(), draft.repositories().strip(),
                draft.rule(), Mode.named(draft.mode()).orElseThrow(), draft.max(), draft.days(),
                draft.patterns() == null ? List.of() : draft.patterns().stream().map(String::strip).toList(),
                caller.name(), clock.instant())));
    }

    @Transactional
    public Outcome remove(long id, Caller caller) {
        Optional<TeamRule> rule = gates.teamRule(id);
        if (rule.isEmpty()) {
            return new NotFound(id);
        }
        if (!caller.mayChange(rule.get().team())) {
            return new Forbidden(rule.get().team());
        }
        gates.removeTeamRule(id);
        return new Removed();
    }

    /** The stored rules as the gate applies them. */
    static List<ConfiguredRule> configured(List<TeamRule> rules) {
        return rules.stream().map(rule -> new ConfiguredRule(ruleOf(rule), rule.mode(), rule.team(),
                new RepositoryPattern(rule.repositories()))).toList();
    }

    private static GateRule ruleOf(TeamRule rule) {
        List<RepositoryPattern> patterns = rule.patterns().stream().map(RepositoryPattern::new).toList();
        return switch (rule.rule()) {
            case "known-image" -> new GateRule.KnownImage();
            case "standard-base" -> {
                Map<Tier, List<RepositoryPattern>> everyTier = new EnumMap<>(Tier.class);
                Arrays.stream(Tier.values()).forEach(tier -> everyTier.put(tier, patterns));
                yield new GateRule.StandardBase(everyTier);
            }
            case "allowed-registries" -> new GateRule.AllowedRegistries(patterns);
            case "fresh-base" -> new GateRule.FreshBase(Duration.ofDays(rule.days()), Integer.MAX_VALUE);
            case "layer-limit" -> new GateRule.LayerLimit(rule.max());
            case "critical-vulnerabilities" -> new GateRule.CriticalVulnerabilities(rule.max());
            default -> throw new IllegalStateException("stored rule " + rule.id() + " is unknown: " + rule.rule());
        };
    }

    private static Map<String, String> problems(Draft draft) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (blank(draft.team()) || draft.team().length() > 100) {
            problems.put("team", "is required, at most 100 characters");
        }
        if (blank(draft.repositories()) || draft.repositories().length() > 255) {
            problems.put("repositories", "is required: a glob of registry/repository names, e.g. "
                    + "harbor.example.com/payments/**");
        }
        if (Mode.named(draft.mode()).isEmpty()) {
            problems.put("mode", "must be enforce, warn or off");
        }
        String parameter = draft.rule() == null ? null : PARAMETERS.get(draft.rule());
        if (parameter == null) {
            problems.put("rule", "must be one of " + new TreeSet<>(PARAMETERS.keySet()));
            return problems;
        }
        switch (parameter) {
            case "max" -> {
                if (draft.max() == null || draft.max() < 0) {
                    problems.put("max", "is required for " + draft.rule() + ": 0 or more");
                }
            }
            case "days" -> {
                if (draft.days() == null || draft.days() < 1 || draft.days() > 3650) {
                    problems.put("days", "is required for " + draft.rule() + ": 1 to 3650");
                }
            }
            case "patterns" -> {
                List<String> patterns = draft.patterns() == null ? List.of() : new ArrayList<>(draft.patterns());
                if (patterns.isEmpty() || patterns.size() > 50
                        || patterns.stream().anyMatch(glob -> blank(glob) || glob.length() > 255)) {
                    problems.put("patterns", "is required for " + draft.rule() + ": 1 to 50 globs");
                }
            }
            default -> {
            }
        }
        return problems;
    }

    /** Absent, blank, or holding a control character. */
    private static boolean blank(String text) {
        return text == null || text.isBlank() || text.chars().anyMatch(Character::isISOControl);
    }
}

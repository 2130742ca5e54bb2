package io.layerline.catalog.application;

import io.layerline.catalog.domain.gate.ConfiguredRule;
import io.layerline.catalog.domain.gate.Gate;
import io.layerline.catalog.domain.gate.GateRule;
import io.layerline.catalog.domain.gate.Mode;
import io.layerline.catalog.domain.governance.GovernanceRules;
import io.layerline.catalog.domain.graph.RepositoryPattern;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's gate from configuration: the governance settings (standard bases, staleness, layers, bases per kind)
 * with the gates' own (allowed registries, critical vulnerabilities, the promotion path), each rule's mode given as
 * {@code rule=mode} entries over defaults; a typo stops the start.
 */
@Factory
class GateSettings {

    /** Until configured otherwise: enforce where a breach is unambiguous, warn where data may be missing. */
    static final Map<String, Mode> DEFAULT_MODES = Map.of(
            "known-image", Mode.WARN,
            "standard-base", Mode.ENFORCE,
            "allowed-registries", Mode.ENFORCE,
            "bases-per-kind", Mode.WARN,
            "fresh-base", Mode.WARN,
            "layer-limit", Mode.WARN,
            "critical-vulnerabilities", Mode.WARN,
            "promotion-path", Mode.ENFORCE);

    @Singleton
    Gate gate(GovernanceRules governance,
              @Value("${layerline.catalog.gates.modes}") List<String> modes,
              @Value("${layerline.catalog.gates.allowed-registries}") List<String> registries,
              @Value("${layerline.catalog.gates.max-critical}") int maxCritical,
              @Value("${layerline.catalog.gates.promotion-path}") String promotionPath) {
        Map<String, Mode> chosen = new HashMap<>(DEFAULT_MODES);
        for (String entry : modes.stream().filter(entry -> !entry.isBlank()).toList()) {
            String[] parts = entry.split("=", 2);
            if (parts.length != 2 || !DEFAULT_MODES.containsKey(parts[0].strip())
                    || Mode.named(parts[1].strip()).isEmpty()) {
                throw new IllegalArgumentException("layerline.catalog.gates.modes: '" + entry + "' is not rule=mode,"
                        + " with a rule of " + DEFAULT_MODES.keySet() + " and a mode of enforce, warn or off");
            }
            chosen.put(parts[0].strip(), Mode.named(parts[1].strip()).orElseThrow());
        }
        String[] path = promotionPath.split(">", 2);
        if (path.length != 2 || path[0].isBlank() || path[1].isBlank()) {
            throw new IllegalArgumentException("layerline.catalog.gates.promotion-path: '" + promotionPath
                    + "' is not from>to, e.g. prod_test>prod");
        }
        List<GateRule> rules = List.of(new GateRule.KnownImage(),
                new GateRule.StandardBase(governance.standardBases()),
                new GateRule.AllowedRegistries(registries.stream().filter(glob -> !glob.isBlank())
                        .map(glob -> new RepositoryPattern(glob.strip())).toList()),
                new GateRule.BasesPerKind(governance.basesPerKind()),
                new GateRule.FreshBase(governance.staleAfter(), governance.staleAfterDigests()),
                new GateRule.LayerLimit(governance.maxLayers()),
                new GateRule.CriticalVulnerabilities(maxCritical),
                new GateRule.PromotionPath(path[0].strip(), path[1].strip()));
        return new Gate(rules.stream().map(rule -> ConfiguredRule.platform(rule, chosen.get(rule.name()))).toList());
    }
}

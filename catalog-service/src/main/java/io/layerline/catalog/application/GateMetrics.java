package io.layerline.catalog.application;

import io.layerline.catalog.domain.gate.ConfiguredRule;
import io.layerline.catalog.domain.gate.Gate;
import io.layerline.catalog.domain.gate.GateVerdict;
import io.layerline.catalog.domain.gate.Outcome;
import io.layerline.catalog.domain.gate.RuleVerdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

import java.util.Locale;

/**
 * Verdicts by outcome and source, and the rules that denied or warned: {@code layerline_gate_verdicts_total} and
 * {@code layerline_gate_rule_breaches_total{rule,outcome}}. The counters of every verdict and of the platform's rules
 * exist from the start (at zero; the bean is made with the context), so a dashboard shows them before the first
 * evaluation.
 */
@Context
public class GateMetrics {

    private final MeterRegistry meters;

    GateMetrics(MeterRegistry meters, Gate gate) {
        this.meters = meters;
        for (EvaluateGate.Source source : EvaluateGate.Source.values()) {
            for (Outcome outcome : Outcome.values()) {
                verdicts(source, outcome);
            }
        }
        for (ConfiguredRule rule : gate.platform()) {
            breaches(rule.rule().name(), Outcome.FAIL);
            breaches(rule.rule().name(), Outcome.WARN);
        }
    }

    void counted(EvaluateGate.Source source, GateVerdict verdict) {
        verdicts(source, verdict.outcome()).increment();
        for (RuleVerdict rule : verdict.rules()) {
            if (rule.outcome() != Outcome.PASS) {
                breaches(rule.qualifiedName(), rule.outcome()).increment();
            }
        }
    }

    private Counter verdicts(EvaluateGate.Source source, Outcome outcome) {
        return Counter.builder("layerline.gate.verdicts").description("Gate verdicts by outcome and source")
                .tag("source", source.name().toLowerCase(Locale.ROOT)).tag("outcome", outcome.wireName())
                .register(meters);
    }

    private Counter breaches(String rule, Outcome outcome) {
        return Counter.builder("layerline.gate.rule.breaches")
                .description("Rules that failed (denied) or warned in gate verdicts, by rule")
                .tag("rule", rule).tag("outcome", outcome.wireName()).register(meters);
    }
}

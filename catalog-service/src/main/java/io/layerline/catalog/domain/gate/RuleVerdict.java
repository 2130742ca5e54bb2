package io.layerline.catalog.domain.gate;

/**
 * What one rule found for one image.
 *
 * @param rule   the rule's name, e.g. {@code standard-base}
 * @param owner  the team whose rule it is; absent (null) for the platform's
 * @param reason why it is broken, or what was checked when it holds
 */
public record RuleVerdict(String rule, String owner, Mode mode, boolean broken, String reason) {

    public Outcome outcome() {
        if (!broken || mode == Mode.OFF) {
            return Outcome.PASS;
        }
        return mode == Mode.ENFORCE ? Outcome.FAIL : Outcome.WARN;
    }

    /** How a denial or warning names it: {@code standard-base} or {@code payments/layer-limit}. */
    public String qualifiedName() {
        return owner == null ? rule : owner + "/" + rule;
    }
}

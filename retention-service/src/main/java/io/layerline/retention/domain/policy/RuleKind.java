package io.layerline.retention.domain.policy;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One kind of rule as policies write it: the name a draft gives as its {@code type}, what it takes, how a draft of
 * it is checked, and how a checked draft becomes the rule. Each rule declares its own ({@code KeepNewestUsed.KIND}…);
 * {@link KeepRules} lists them.
 *
 * @param type       the name in a policy, e.g. {@code keepNewestUsed}
 * @param parameters what a draft of it gives, for people
 * @param check      adds to the list every way a draft of this kind is wrong, each naming its field under the prefix
 * @param build      the rule a checked draft describes
 */
public record RuleKind(String type, String parameters, Check check, Function<PolicyDraft.RuleDraft, KeepRule> build) {

    /** Every way one rule's draft is wrong, named under {@code field} ({@code rules[2]}). */
    @FunctionalInterface
    public interface Check {
        void check(PolicyDraft.RuleDraft draft, String field, List<PolicyDraft.FieldError> errors);
    }

    private static final int MAX_DAYS = 3650;

    /** The check of rules that take a number of {@code days}, and the duration a checked draft gives. */
    static void checkDays(PolicyDraft.RuleDraft draft, String field, List<PolicyDraft.FieldError> errors) {
        if (draft.days() == null || draft.days() < 0 || draft.days() > MAX_DAYS) {
            errors.add(new PolicyDraft.FieldError(field + ".days", "must be a number of days from 0 to " + MAX_DAYS));
        }
    }

    static Duration days(PolicyDraft.RuleDraft draft) {
        return Duration.ofDays(draft.days());
    }
}

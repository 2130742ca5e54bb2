package io.layerline.retention.domain.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A policy as an operator writes it, before it is trusted: {@link #validate()} names every wrong field, and
 * {@link #toPolicy(String, int)} turns a valid draft into rules.
 *
 * @param priority  when several policies govern a repository, the highest priority wins
 * @param schedule  a cron expression (checked by the application layer) to plan on, or none
 * @param autoApply whether a scheduled plan is applied without review
 */
public record PolicyDraft(String registryGlob, String repositoryGlob, Integer priority, List<RuleDraft> rules,
                          String schedule, boolean autoApply) {

    private static final int MAX_RULES = 50;

    /** One rule: {@code type} names its {@link RuleKind} (see {@link KeepRules}), the other fields its parameters. */
    public record RuleDraft(String type, String label, Integer count, Integer days, String pattern) {
    }

    /** One thing wrong with one field. */
    public record FieldError(String field, String message) {
    }

    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        if (registryGlob == null || registryGlob.isBlank()) {
            errors.add(new FieldError("registry", "is required: a glob such as harbor.example.com or **"));
        }
        if (repositoryGlob == null || repositoryGlob.isBlank()) {
            errors.add(new FieldError("repository", "is required: a glob such as team/* or **"));
        }
        if (autoApply && (schedule == null || schedule.isBlank())) {
            errors.add(new FieldError("autoApply", "needs a schedule: only scheduled plans apply themselves"));
        }
        if (priority != null && (priority < 0 || priority > 1000)) {
            errors.add(new FieldError("priority", "must be between 0 and 1000"));
        }
        if (rules == null || rules.isEmpty()) {
            errors.add(new FieldError("rules",
                    "must hold at least one rule: a policy without rules deletes everything"));
            return errors;
        }
        if (rules.size() > MAX_RULES) {
            errors.add(new FieldError("rules", "must hold at most " + MAX_RULES + " rules"));
        }
        for (int i = 0; i < rules.size(); i++) {
            validate(rules.get(i), "rules[" + i + "]", errors);
        }
        return errors;
    }

    /** @throws IllegalStateException when {@link #validate()} finds errors */
    public RetentionPolicy toPolicy(String id, int version) {
        List<FieldError> errors = validate();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("invalid policy: " + errors);
        }
        return new RetentionPolicy(id, version, registryGlob, repositoryGlob,
                rules.stream().map(PolicyDraft::rule).toList());
    }

    public int priorityOrDefault() {
        return priority == null ? 100 : priority;
    }

    private static void validate(RuleDraft rule, String field, List<FieldError> errors) {
        if (rule == null || rule.type() == null) {
            errors.add(new FieldError(field + ".type", "is required: " + KeepRules.names()));
            return;
        }
        KeepRules.named(rule.type()).ifPresentOrElse(kind -> kind.check().check(rule, field, errors),
                () -> errors.add(new FieldError(field + ".type", "'" + rule.type() + "' is not a rule: use "
                        + KeepRules.names())));
    }

    private static KeepRule rule(RuleDraft rule) {
        return KeepRules.named(rule.type()).orElseThrow().build().apply(rule);
    }
}

package io.layerline.retention.domain.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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

    /**
     * One rule: {@code type} is {@code keepNewestUsed} (with {@code label}: {@code unlabelled}, {@code maybe_prod}
     * or {@code prod}, and {@code count}), {@code keepYoungerThan} or {@code keepNeverDeployedYoungerThan} (with
     * {@code days}), {@code keepTagsMatching} (with {@code pattern}, a regular expression over whole tags), or
     * {@code deleteUntaggedOlderThan} (with {@code days}: untagged images older than that are kept by no rule).
     */
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
            errors.add(new FieldError("rules", "must hold at least one rule: a policy without rules deletes everything"));
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
        return new RetentionPolicy(id, version, registryGlob, repositoryGlob, rules.stream().map(PolicyDraft::rule).toList());
    }

    public int priorityOrDefault() {
        return priority == null ? 100 : priority;
    }

    private static void validate(RuleDraft rule, String field, List<FieldError> errors) {
        if (rule == null || rule.type() == null) {
            errors.add(new FieldError(field + ".type", "is required: keepNewestUsed, keepYoungerThan, "
                    + "keepNeverDeployedYoungerThan, keepTagsMatching or deleteUntaggedOlderThan"));
            return;
        }
        switch (rule.type()) {
            case "keepNewestUsed" -> {
                if (labelClass(rule.label()) == null) {
                    errors.add(new FieldError(field + ".label", "must be unlabelled, maybe_prod or prod"));
                }
                if (rule.count() == null || rule.count() < 0 || rule.count() > 10_000) {
                    errors.add(new FieldError(field + ".count", "must be a number from 0 to 10000"));
                }
            }
            case "keepYoungerThan", "keepNeverDeployedYoungerThan", "deleteUntaggedOlderThan" -> {
                if (rule.days() == null || rule.days() < 0 || rule.days() > 3650) {
                    errors.add(new FieldError(field + ".days", "must be a number of days from 0 to 3650"));
                }
            }
            case "keepTagsMatching" -> {
                if (rule.pattern() == null || rule.pattern().isEmpty()) {
                    errors.add(new FieldError(field + ".pattern", "is required: a regular expression over tags"));
                } else {
                    try {
                        Pattern.compile(rule.pattern());
                    } catch (PatternSyntaxException e) {
                        errors.add(new FieldError(field + ".pattern", "is not a regular expression: "
                                + e.getDescription()));
                    }
                }
            }
            default -> errors.add(new FieldError(field + ".type", "'" + rule.type() + "' is not a rule: use "
                    + "keepNewestUsed, keepYoungerThan, keepNeverDeployedYoungerThan, keepTagsMatching or "
                    + "deleteUntaggedOlderThan"));
        }
    }

    private static KeepRule rule(RuleDraft rule) {
        return switch (rule.type()) {
            case "keepNewestUsed" -> new KeepNewestUsed(labelClass(rule.label()), rule.count());
            case "keepYoungerThan" -> new KeepYoungerThan(Duration.ofDays(rule.days()));
            case "keepNeverDeployedYoungerThan" -> new KeepNeverDeployedYoungerThan(Duration.ofDays(rule.days()));
            case "keepTagsMatching" -> new KeepTagsMatching(Pattern.compile(rule.pattern()));
            case "deleteUntaggedOlderThan" -> new DeleteUntaggedOlderThan(Duration.ofDays(rule.days()));
            default -> throw new IllegalStateException("unknown rule " + rule.type());
        };
    }

    private static LabelClass labelClass(String label) {
        if (label == null) {
            return null;
        }
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "unlabelled", "none" -> LabelClass.UNLABELLED;
            case "maybe_prod" -> LabelClass.MAYBE_PROD;
            case "prod" -> LabelClass.PROD;
            default -> null;
        };
    }
}

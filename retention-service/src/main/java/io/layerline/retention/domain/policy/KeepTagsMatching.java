package io.layerline.retention.domain.policy;

import io.layerline.retention.domain.inventory.Artifact;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Keeps artifacts with a tag matching {@code pattern} (a regular expression over the whole tag), e.g.
 * {@code v\d+\.\d+\.\d+}.
 */
public record KeepTagsMatching(Pattern pattern) implements KeepRule {

    /** {@code keepTagsMatching} with {@code pattern}, a regular expression over whole tags. */
    public static final RuleKind KIND = new RuleKind("keepTagsMatching", "pattern (over whole tags)",
            (draft, field, errors) -> {
                if (draft.pattern() == null || draft.pattern().isEmpty()) {
                    errors.add(new PolicyDraft.FieldError(field + ".pattern",
                            "is required: a regular expression over tags"));
                    return;
                }
                try {
                    Pattern.compile(draft.pattern());
                } catch (PatternSyntaxException e) {
                    errors.add(new PolicyDraft.FieldError(field + ".pattern", "is not a regular expression: "
                            + e.getDescription()));
                }
            },
            draft -> new KeepTagsMatching(Pattern.compile(draft.pattern())));

    @Override
    public Map<Artifact, String> keep(List<Artifact> artifacts, Instant now) {
        Map<Artifact, String> kept = new LinkedHashMap<>();
        for (Artifact artifact : artifacts) {
            if (artifact.tags().stream().anyMatch(tag -> pattern.matcher(tag).matches())) {
                kept.put(artifact, describe());
            }
        }
        return kept;
    }

    @Override
    public String describe() {
        return "keep images tagged like /" + pattern.pattern() + "/";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeepTagsMatching that && that.pattern.pattern().equals(pattern.pattern());
    }

    @Override
    public int hashCode() {
        return pattern.pattern().hashCode();
    }
}

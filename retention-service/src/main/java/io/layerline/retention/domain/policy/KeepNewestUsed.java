package io.layerline.retention.domain.policy;

import io.layerline.retention.domain.inventory.Artifact;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the newest {@code count} used (deployed at least once) artifacts whose highest promotion label is
 * {@code labelClass}. Newest means last deployed, then last pushed; ties are broken by digest so the choice
 * never depends on input order.
 */
public record KeepNewestUsed(LabelClass labelClass, int count) implements KeepRule {

    /** Newest first: last deployed, then last pushed, then by digest. */
    public static final Comparator<Artifact> NEWEST_FIRST = Comparator
            .comparing((Artifact artifact) -> artifact.lastDeployedAt().orElse(Instant.MIN), Comparator.reverseOrder())
            .thenComparing(artifact -> artifact.pushedAt().orElse(Instant.MIN), Comparator.reverseOrder())
            .thenComparing(artifact -> artifact.id().digest());

    private static final int MAX_COUNT = 10_000;

    /** {@code keepNewestUsed} with a {@code label} ({@code unlabelled}, {@code maybe_prod}, {@code prod}), a count. */
    public static final RuleKind KIND = new RuleKind("keepNewestUsed", "label (unlabelled, maybe_prod, prod), count",
            (draft, field, errors) -> {
                if (LabelClass.named(draft.label()).isEmpty()) {
                    errors.add(new PolicyDraft.FieldError(field + ".label", "must be unlabelled, maybe_prod or prod"));
                }
                if (draft.count() == null || draft.count() < 0 || draft.count() > MAX_COUNT) {
                    errors.add(new PolicyDraft.FieldError(field + ".count", "must be a number from 0 to " + MAX_COUNT));
                }
            },
            draft -> new KeepNewestUsed(LabelClass.named(draft.label()).orElseThrow(), draft.count()));

    public KeepNewestUsed {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
    }

    @Override
    public Map<Artifact, String> keep(List<Artifact> artifacts, Instant now) {
        Map<Artifact, String> kept = new LinkedHashMap<>();
        artifacts.stream()
                .filter(Artifact::used)
                .filter(artifact -> LabelClass.of(artifact.labels()) == labelClass)
                .sorted(NEWEST_FIRST)
                .limit(count)
                .forEach(artifact -> kept.put(artifact, describe()));
        return kept;
    }

    @Override
    public String describe() {
        return "keep the newest " + count + " used images " + labelClass.describe();
    }
}

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

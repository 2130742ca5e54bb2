package io.layerline.retention.domain.policy;

import io.layerline.retention.domain.inventory.Artifact;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps images that were never deployed for at most {@code age} after their push; then they go. */
public record KeepNeverDeployedYoungerThan(Duration age) implements KeepRule {

    /** {@code keepNeverDeployedYoungerThan} with {@code days}. */
    public static final RuleKind KIND = new RuleKind("keepNeverDeployedYoungerThan", "days", RuleKind::checkDays,
            draft -> new KeepNeverDeployedYoungerThan(RuleKind.days(draft)));

    @Override
    public Map<Artifact, String> keep(List<Artifact> artifacts, Instant now) {
        Map<Artifact, String> kept = new LinkedHashMap<>();
        Instant cutoff = now.minus(age);
        for (Artifact artifact : artifacts) {
            if (!artifact.used() && artifact.pushedAt().map(pushed -> pushed.isAfter(cutoff)).orElse(false)) {
                kept.put(artifact, describe());
            }
        }
        return kept;
    }

    @Override
    public String describe() {
        return "keep never-deployed images for " + Durations.readable(age) + " after their push";
    }
}

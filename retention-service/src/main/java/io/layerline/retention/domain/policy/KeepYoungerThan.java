package io.layerline.retention.domain.policy;

import io.layerline.retention.domain.inventory.Artifact;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps everything pushed within the grace period: a new image has had no chance to be deployed yet. */
public record KeepYoungerThan(Duration grace) implements KeepRule {

    /** {@code keepYoungerThan} with {@code days}. */
    public static final RuleKind KIND = new RuleKind("keepYoungerThan", "days", RuleKind::checkDays,
            draft -> new KeepYoungerThan(RuleKind.days(draft)));

    @Override
    public Map<Artifact, String> keep(List<Artifact> artifacts, Instant now) {
        Map<Artifact, String> kept = new LinkedHashMap<>();
        Instant cutoff = now.minus(grace);
        for (Artifact artifact : artifacts) {
            if (artifact.pushedAt().map(pushed -> pushed.isAfter(cutoff)).orElse(false)) {
                kept.put(artifact, describe());
            }
        }
        return kept;
    }

    @Override
    public String describe() {
        return "keep images pushed within the last " + Durations.readable(grace);
    }
}

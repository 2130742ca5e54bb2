package io.layerline.retention.domain.policy;

import io.layerline.retention.domain.inventory.Artifact;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Images that lost every tag (a newer push took it) and were pushed more than {@code age} ago are kept by no other
 * rule of the policy: the periodic clean-up of what only a digest still names. Protections still hold — an untagged
 * image that runs, or is in a rollback set, stays — and signatures, attestations, SBOMs and index children are never
 * touched, since they follow what they belong to. Registries list untagged manifests only where they can (Harbor);
 * a plain OCI registry's are for its own garbage collection.
 */
public record DeleteUntaggedOlderThan(Duration age) implements KeepRule {

    /** {@code deleteUntaggedOlderThan} with {@code days}: untagged images older than that are kept by no rule. */
    public static final RuleKind KIND = new RuleKind("deleteUntaggedOlderThan", "days", RuleKind::checkDays,
            draft -> new DeleteUntaggedOlderThan(RuleKind.days(draft)));

    @Override
    public Map<Artifact, String> keep(List<Artifact> artifacts, Instant now) {
        return Map.of();
    }

    @Override
    public boolean excludes(Artifact artifact, Instant now) {
        return artifact.tags().isEmpty() && artifact.pushedAt().map(pushed -> pushed.isBefore(now.minus(age)))
                .orElse(false);
    }

    @Override
    public String describe() {
        return "delete images untagged and pushed more than " + Durations.readable(age) + " ago";
    }
}

package io.layerline.retention.domain.policy;

import io.layerline.retention.domain.inventory.Artifact;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rule that chooses artifacts of one repository to keep. Rules only keep: an artifact no rule keeps (and no
 * protection covers) is a candidate for deletion. Each rule declares its {@link RuleKind} — the name policies write
 * it by, the check of its draft — and {@link KeepRules} lists them.
 */
public sealed interface KeepRule permits KeepNewestUsed, KeepYoungerThan, KeepNeverDeployedYoungerThan,
        KeepTagsMatching, DeleteUntaggedOlderThan {

    /**
     * The artifacts of one repository this rule keeps, each with why.
     *
     * @param artifacts every artifact of the repository, in no particular order
     */
    Map<Artifact, String> keep(List<Artifact> artifacts, Instant now);

    /**
     * Whether this rule takes {@code artifact} out of the policy's keeping: no rule of the policy keeps it then
     * (protections still do). Rules keep and never exclude, except those made to exclude.
     */
    default boolean excludes(Artifact artifact, Instant now) {
        return false;
    }

    /** How the rule reads to a person, e.g. "keep the newest 10 used images labelled prod". */
    String describe();
}

package io.layerline.retention.domain.plan;

import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.policy.RetentionPolicy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The check right before a planned deletion: the plan was made on the inventory of then, the deletion happens on the
 * inventory of now. An artifact that is still present is planned again with its repository as it is now, and kept if
 * that plan keeps it (a deploy, a pull, a new label or hold since) or if an image still present is built on it.
 */
public final class Recheck {

    private Recheck() {
    }

    /**
     * Why the current inventory keeps {@code artifact} after all; empty when it may go (or is gone already).
     *
     * @param repository the artifacts present now in the artifact's repository
     */
    public static Optional<String> keptNow(ArtifactId artifact, List<Artifact> repository, ProtectionFacts facts,
                                           Function<RepositoryId, Optional<RetentionPolicy>> policyFor,
                                           Predicate<String> managed, Instant now) {
        if (repository.stream().noneMatch(candidate -> candidate.id().equals(artifact))) {
            return Optional.empty();
        }
        Set<ArtifactId> basesOfPresent = facts.basesOf().values().stream().flatMap(Set::stream)
                .collect(Collectors.toSet());
        if (basesOfPresent.contains(artifact)) {
            return Optional.of("base of an image still present");
        }
        return Planner.plan(repository, policyFor, facts, managed, now).repositories().stream()
                .flatMap(repositoryPlan -> repositoryPlan.kept().stream())
                .filter(decision -> decision.artifact().id().equals(artifact))
                .findFirst()
                .map(decision -> String.join("; ", Stream.concat(decision.protectedBy().stream(),
                        decision.keptBy().stream()).toList()));
    }
}

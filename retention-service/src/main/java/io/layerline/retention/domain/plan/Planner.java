package io.layerline.retention.domain.plan;

import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.policy.LabelClass;
import io.layerline.retention.domain.policy.KeepNewestUsed;
import io.layerline.retention.domain.policy.KeepRule;
import io.layerline.retention.domain.policy.RetentionPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Computes a retention plan. Protections come first and no rule overrides them: what runs anywhere, what is in a
 * rollback set, what is held, what the registry marks immutable, what could not be checked, and every base of an
 * image that is kept. Then each repository's policy keeps what its rules choose, and the rest is deleted.
 * The plan depends only on its inputs, never on their order.
 */
public final class Planner {

    private static final Comparator<Artifact> BY_DIGEST = Comparator.comparing(artifact -> artifact.id().digest());

    private Planner() {
    }

    public static RetentionPlan plan(List<Artifact> inventory,
                                     Function<RepositoryId, Optional<RetentionPolicy>> policyFor,
                                     ProtectionFacts facts, Instant now) {
        Map<RepositoryId, List<Artifact>> byRepository = new TreeMap<>();
        for (Artifact artifact : inventory) {
            byRepository.computeIfAbsent(artifact.id().repositoryId(), id -> new ArrayList<>()).add(artifact);
        }
        Map<ArtifactId, Artifact> byId = new HashMap<>();
        Map<ArtifactId, List<String>> protections = new HashMap<>();
        Map<ArtifactId, List<String>> keeps = new HashMap<>();
        Map<ArtifactId, Set<KeepReason>> kinds = new HashMap<>();
        Map<RepositoryId, Optional<RetentionPolicy>> policies = new LinkedHashMap<>();

        for (Map.Entry<RepositoryId, List<Artifact>> repository : byRepository.entrySet()) {
            List<Artifact> artifacts = repository.getValue();
            artifacts.sort(BY_DIGEST);
            Optional<RetentionPolicy> policy = policyFor.apply(repository.getKey());
            policies.put(repository.getKey(), policy);
            for (Artifact artifact : artifacts) {
                byId.put(artifact.id(), artifact);
                List<String> protectedBy = protections(artifact, facts, kinds);
                if (!protectedBy.isEmpty()) {
                    protections.put(artifact.id(), protectedBy);
                }
            }
            if (policy.isEmpty()) {
                for (Artifact artifact : artifacts) {
                    keeps.computeIfAbsent(artifact.id(), id -> new ArrayList<>())
                            .add("no retention policy governs " + repository.getKey());
                    kind(kinds, artifact.id(), KeepReason.NO_POLICY);
                }
                continue;
            }
            for (KeepRule rule : policy.get().rules()) {
                rule.keep(artifacts, now).forEach((artifact, reason) -> {
                    keeps.computeIfAbsent(artifact.id(), id -> new ArrayList<>()).add(reason);
                    kind(kinds, artifact.id(), KeepReason.POLICY_RULE);
                });
            }
        }
        protectBasesOfKept(byId, facts, protections, keeps, kinds);

        List<RepositoryPlan> plans = new ArrayList<>();
        for (Map.Entry<RepositoryId, List<Artifact>> repository : byRepository.entrySet()) {
            List<Decision> kept = new ArrayList<>();
            List<Decision> deleted = new ArrayList<>();
            Map<Artifact, Integer> newerInClass = newerInClass(repository.getValue());
            for (Artifact artifact : repository.getValue()) {
                List<String> protectedBy = protections.getOrDefault(artifact.id(), List.of());
                List<String> keptBy = keeps.getOrDefault(artifact.id(), List.of());
                if (protectedBy.isEmpty() && keptBy.isEmpty()) {
                    deleted.add(new Decision(artifact, List.of(), List.of(),
                            deleteReason(artifact, newerInClass, now), Set.of()));
                } else {
                    kept.add(new Decision(artifact, protectedBy, keptBy, null,
                            kinds.getOrDefault(artifact.id(), Set.of())));
                }
            }
            Optional<RetentionPolicy> policy = policies.get(repository.getKey());
            plans.add(new RepositoryPlan(repository.getKey(), policy.map(RetentionPolicy::id).orElse(null),
                    policy.map(RetentionPolicy::version).orElse(0), kept, deleted));
        }
        return new RetentionPlan(plans);
    }

    private static List<String> protections(Artifact artifact, ProtectionFacts facts,
                                            Map<ArtifactId, Set<KeepReason>> kinds) {
        List<String> reasons = new ArrayList<>();
        if (facts.unknown().contains(artifact.id())) {
            reasons.add("a protection could not be evaluated, so it is kept");
            kind(kinds, artifact.id(), KeepReason.UNKNOWN);
        }
        if (artifact.pushedAt().isEmpty()) {
            reasons.add("its push time is unknown, so its age cannot be checked");
            kind(kinds, artifact.id(), KeepReason.UNKNOWN);
        }
        if (!artifact.runningIn().isEmpty()) {
            reasons.add("running in " + String.join(", ", artifact.runningIn().stream().sorted().toList()));
            kind(kinds, artifact.id(), KeepReason.RUNNING);
        }
        if (facts.rollbackSets().contains(artifact.id())) {
            reasons.add("in a service's rollback set");
            kind(kinds, artifact.id(), KeepReason.ROLLBACK_SET);
        }
        if (facts.held().contains(artifact.id())) {
            reasons.add("held");
            kind(kinds, artifact.id(), KeepReason.HELD);
        }
        if (artifact.immutable()) {
            reasons.add("immutable in the registry");
            kind(kinds, artifact.id(), KeepReason.IMMUTABLE);
        }
        return reasons;
    }

    private static void kind(Map<ArtifactId, Set<KeepReason>> kinds, ArtifactId id, KeepReason reason) {
        kinds.computeIfAbsent(id, key -> EnumSet.noneOf(KeepReason.class)).add(reason);
    }

    /** Every base of a kept image is kept, and so on down the tree, wherever the base lives. */
    private static void protectBasesOfKept(Map<ArtifactId, Artifact> byId, ProtectionFacts facts,
                                           Map<ArtifactId, List<String>> protections,
                                           Map<ArtifactId, List<String>> keeps,
                                           Map<ArtifactId, Set<KeepReason>> kinds) {
        Deque<ArtifactId> kept = new ArrayDeque<>();
        byId.keySet().stream().sorted()
                .filter(id -> protections.containsKey(id) || keeps.containsKey(id))
                .forEach(kept::add);
        while (!kept.isEmpty()) {
            ArtifactId child = kept.poll();
            for (ArtifactId base : facts.basesOf().getOrDefault(child, Set.of()).stream().sorted().toList()) {
                if (!byId.containsKey(base)) {
                    continue;
                }
                boolean wasKept = protections.containsKey(base) || keeps.containsKey(base);
                List<String> reasons = protections.computeIfAbsent(base, id -> new ArrayList<>());
                String reason = "base of kept " + child;
                if (!reasons.contains(reason)) {
                    reasons.add(reason);
                }
                kind(kinds, base, KeepReason.BASE_OF_KEPT);
                if (!wasKept) {
                    kept.add(base);
                }
            }
        }
        protections.values().forEach(reasons -> reasons.sort(Comparator.naturalOrder()));
    }

    /** For each used artifact, how many used artifacts of its label class in the repository are newer. */
    private static Map<Artifact, Integer> newerInClass(List<Artifact> repository) {
        Map<LabelClass, List<Artifact>> byClass = new HashMap<>();
        for (Artifact artifact : repository) {
            if (artifact.used()) {
                byClass.computeIfAbsent(LabelClass.of(artifact.labels()), c -> new ArrayList<>()).add(artifact);
            }
        }
        Map<Artifact, Integer> newer = new HashMap<>();
        for (List<Artifact> sameClass : byClass.values()) {
            sameClass.sort(KeepNewestUsed.NEWEST_FIRST);
            for (int rank = 0; rank < sameClass.size(); rank++) {
                newer.put(sameClass.get(rank), rank);
            }
        }
        return newer;
    }

    private static String deleteReason(Artifact artifact, Map<Artifact, Integer> newerInClass, Instant now) {
        if (artifact.used()) {
            return "used, but " + newerInClass.get(artifact) + " newer used images "
                    + LabelClass.of(artifact.labels()).describe() + " are kept before it";
        }
        return "never deployed, pushed " + Duration.between(artifact.pushedAt().orElseThrow(), now).toDays()
                + " days ago";
    }

}

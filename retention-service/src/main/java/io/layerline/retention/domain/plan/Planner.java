package io.layerline.retention.domain.plan;

import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.ArtifactKind;
import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.policy.KeepNewestUsed;
import io.layerline.retention.domain.policy.KeepRule;
import io.layerline.retention.domain.policy.LabelClass;
import io.layerline.retention.domain.policy.RetentionPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Computes a retention plan. Artifacts are planned as units: a signature, attestation, SBOM or referrers index
 * belongs to its subject, and an untagged manifest of an index to the index; these follow what they belong to and
 * never count towards a rule. Protections come first and no rule overrides them: what runs anywhere, what is in a
 * rollback set, what is held, what the registry marks immutable, what could not be checked, every base of an image
 * that is kept, and whatever a protected member of a unit belongs to. Then each repository's policy keeps images
 * as its rules choose; other artifacts (Helm charts, …) are kept. The rest is deleted, referrers before their
 * subject and an index before its children, and frees the blobs no kept artifact of the registry names.
 * Registries this instance does not manage are kept whole. The plan depends only on its inputs, never on their
 * order.
 */
public final class Planner {

    /** The kinds of reason that protect, as against those that only keep. */
    private static final Set<KeepReason> PROTECTIONS = EnumSet.of(KeepReason.RUNNING, KeepReason.ROLLBACK_SET,
            KeepReason.HELD, KeepReason.IMMUTABLE, KeepReason.BASE_OF_KEPT, KeepReason.UNKNOWN, KeepReason.UNMANAGED);
    private static final Comparator<Artifact> BY_DIGEST = Comparator.comparing(artifact -> artifact.id().digest());

    private final ProtectionFacts facts;
    private final Instant now;
    private final Map<ArtifactId, Artifact> byId = new HashMap<>();
    /** What each artifact belongs to: its subject, or the indexes it is an untagged child of. */
    private final Map<ArtifactId, Set<ArtifactId>> owners = new HashMap<>();
    /** The reverse: the referrers and untagged children that belong to each artifact. */
    private final Map<ArtifactId, Set<ArtifactId>> members = new HashMap<>();
    private final Map<ArtifactId, List<String>> protections = new HashMap<>();
    private final Map<ArtifactId, List<String>> keeps = new HashMap<>();
    private final Map<ArtifactId, Set<KeepReason>> kinds = new HashMap<>();
    /** Images a rule of their policy takes out of its keeping, with that rule. */
    private final Map<ArtifactId, String> excludedBy = new HashMap<>();

    private Planner(ProtectionFacts facts, Instant now) {
        this.facts = facts;
        this.now = now;
    }

    /** Plans every registry of the inventory as managed. */
    public static RetentionPlan plan(List<Artifact> inventory,
                                     Function<RepositoryId, Optional<RetentionPolicy>> policyFor,
                                     ProtectionFacts facts, Instant now) {
        return plan(inventory, policyFor, facts, registry -> true, now);
    }

    /**
     * @param managed whether this instance can delete from a registry (host and port); the artifacts of the others
     *                are kept, as unmanaged
     */
    public static RetentionPlan plan(List<Artifact> inventory,
                                     Function<RepositoryId, Optional<RetentionPolicy>> policyFor,
                                     ProtectionFacts facts, Predicate<String> managed, Instant now) {
        return new Planner(facts, now).plan(inventory, policyFor, managed);
    }

    private RetentionPlan plan(List<Artifact> inventory, Function<RepositoryId, Optional<RetentionPolicy>> policyFor,
                               Predicate<String> managed) {
        Map<RepositoryId, List<Artifact>> byRepository = new TreeMap<>();
        for (Artifact artifact : inventory) {
            byRepository.computeIfAbsent(artifact.id().repositoryId(), id -> new ArrayList<>()).add(artifact);
            byId.put(artifact.id(), artifact);
        }
        Map<RepositoryId, Optional<RetentionPolicy>> policies = new LinkedHashMap<>();
        for (Map.Entry<RepositoryId, List<Artifact>> repository : byRepository.entrySet()) {
            List<Artifact> artifacts = repository.getValue();
            artifacts.sort(BY_DIGEST);
            linkUnits(artifacts);
            if (!managed.test(repository.getKey().registry())) {
                policies.put(repository.getKey(), Optional.empty());
                artifacts.forEach(artifact -> protect(artifact.id(), "registry " + repository.getKey().registry()
                        + " is not managed by this instance", KeepReason.UNMANAGED));
                continue;
            }
            Optional<RetentionPolicy> policy = policyFor.apply(repository.getKey());
            policies.put(repository.getKey(), policy);
            artifacts.forEach(this::protections);
            List<Artifact> images = new ArrayList<>();
            for (Artifact artifact : artifacts) {
                if (!owners.containsKey(artifact.id()) && !artifact.kind().refersToSubject()) {
                    if (artifact.kind().image()) {
                        images.add(artifact);
                    } else {
                        keep(artifact.id(), "a " + artifact.structure().artifactType().orElse("non-image")
                                + " artifact: image rules do not delete it", KeepReason.NOT_AN_IMAGE);
                    }
                }
            }
            if (policy.isEmpty()) {
                images.forEach(image -> keep(image.id(), "no retention policy governs " + repository.getKey(),
                        KeepReason.NO_POLICY));
                continue;
            }
            List<KeepRule> rules = policy.get().rules();
            List<Artifact> keepable = new ArrayList<>();
            for (Artifact image : images) {
                rules.stream().filter(rule -> rule.excludes(image, now)).findFirst()
                        .ifPresentOrElse(rule -> excludedBy.put(image.id(), rule.describe()),
                                () -> keepable.add(image));
            }
            for (KeepRule rule : rules) {
                rule.keep(keepable, now).forEach((artifact, reason) -> keep(artifact.id(), reason,
                        KeepReason.POLICY_RULE));
            }
        }
        // every artifact in id order, where the passes below start from: the repositories in order, each one's
        // artifacts sorted by digest above
        List<ArtifactId> ordered = byRepository.values().stream().flatMap(List::stream).map(Artifact::id).toList();
        int keptBefore;
        do {
            keptBefore = protections.size() + keeps.size();
            protectOwnersOfProtected(ordered);
            protectBasesOfKept(ordered);
            keepMembersOfKept(ordered);
        } while (protections.size() + keeps.size() != keptBefore);
        protections.values().forEach(reasons -> reasons.sort(Comparator.naturalOrder()));

        Bytes bytes = new Bytes();
        List<RepositoryPlan> plans = new ArrayList<>();
        for (Map.Entry<RepositoryId, List<Artifact>> repository : byRepository.entrySet()) {
            List<Decision> kept = new ArrayList<>();
            List<Artifact> deleted = new ArrayList<>();
            for (Artifact artifact : repository.getValue()) {
                if (isKept(artifact.id())) {
                    kept.add(new Decision(artifact, protections.getOrDefault(artifact.id(), List.of()),
                            keeps.getOrDefault(artifact.id(), List.of()), null, null,
                            kinds.getOrDefault(artifact.id(), Set.of()), bytes.size(artifact), 0));
                } else {
                    deleted.add(artifact);
                }
            }
            bytes.keep(kept);
            deleted.sort(Comparator.comparingInt(this::deletionPhase).thenComparing(BY_DIGEST));
            Map<Artifact, Integer> newerInClass = newerInClass(repository.getValue());
            List<Decision> deletions = new ArrayList<>();
            for (Artifact artifact : deleted) {
                DeleteReason kind = deleteKind(artifact);
                deletions.add(new Decision(artifact, List.of(), List.of(), deleteReason(artifact, kind, newerInClass),
                        kind, Set.of(), bytes.size(artifact), 0));
            }
            Optional<RetentionPolicy> policy = policies.get(repository.getKey());
            plans.add(new RepositoryPlan(repository.getKey(), policy.map(RetentionPolicy::id).orElse(null),
                    policy.map(RetentionPolicy::version).orElse(0), kept, deletions));
        }
        return new RetentionPlan(bytes.attribute(plans));
    }

    /**
     * Links each artifact to what it belongs to: a referrer to its subject, an untagged manifest to the indexes that
     * name it. A referrer whose subject is not in the repository is kept: what it signs may come back.
     */
    private void linkUnits(List<Artifact> repository) {
        Map<String, Artifact> byDigest = new HashMap<>();
        repository.forEach(artifact -> byDigest.put(artifact.id().digest(), artifact));
        for (Artifact artifact : repository) {
            Optional<String> subject = artifact.structure().subject();
            if (subject.isPresent() && !subject.get().equals(artifact.id().digest())) {
                Artifact owner = byDigest.get(subject.get());
                if (owner == null) {
                    protect(artifact.id(), "refers to " + subject.get() + ", which is not in the inventory",
                            KeepReason.UNKNOWN);
                } else {
                    link(artifact.id(), owner.id());
                }
            } else if (artifact.kind().refersToSubject()) {
                protect(artifact.id(), "a " + artifact.kind().wireName() + " whose subject is not known",
                        KeepReason.UNKNOWN);
            }
            if (artifact.kind() == ArtifactKind.INDEX || artifact.kind() == ArtifactKind.REFERRERS) {
                for (String child : new TreeSet<>(artifact.structure().children())) {
                    Artifact member = byDigest.get(child);
                    if (member != null && member.tags().isEmpty() && member != artifact) {
                        link(member.id(), artifact.id());
                    }
                }
            }
        }
    }

    private void link(ArtifactId member, ArtifactId owner) {
        owners.computeIfAbsent(member, id -> new TreeSet<>()).add(owner);
        members.computeIfAbsent(owner, id -> new TreeSet<>()).add(member);
    }

    private void protections(Artifact artifact) {
        boolean follows = owners.containsKey(artifact.id()) || artifact.kind().refersToSubject();
        for (Protection protection : Protection.ALL) {
            protection.of(artifact, facts, follows)
                    .ifPresent(verdict -> protect(artifact.id(), verdict.reason(), verdict.kind()));
        }
    }

    /** A protected signature keeps the image it signs; a protected index child keeps its index; and so on up. */
    private void protectOwnersOfProtected(List<ArtifactId> ordered) {
        Deque<ArtifactId> protectedMembers = new ArrayDeque<>();
        ordered.stream().filter(protections::containsKey).forEach(protectedMembers::add);
        while (!protectedMembers.isEmpty()) {
            ArtifactId member = protectedMembers.poll();
            for (ArtifactId owner : owners.getOrDefault(member, Set.of())) {
                boolean was = protections.containsKey(owner);
                String reason = "its " + describe(member) + " " + member.digest() + " is protected";
                kinds.get(member).stream().filter(PROTECTIONS::contains).forEach(kind -> protect(owner, reason, kind));
                if (!was) {
                    protectedMembers.add(owner);
                }
            }
        }
    }

    /** Every base of a kept image is kept, and so on down the tree, wherever the base lives. */
    private void protectBasesOfKept(List<ArtifactId> ordered) {
        Deque<ArtifactId> kept = new ArrayDeque<>();
        ordered.stream().filter(this::isKept).forEach(kept::add);
        while (!kept.isEmpty()) {
            ArtifactId child = kept.poll();
            for (ArtifactId base : facts.basesOf().getOrDefault(child, Set.of()).stream().sorted().toList()) {
                if (!byId.containsKey(base)) {
                    continue;
                }
                boolean wasKept = isKept(base);
                protect(base, "base of kept " + child, KeepReason.BASE_OF_KEPT);
                if (!wasKept) {
                    kept.add(base);
                }
            }
        }
    }

    /** What belongs to a kept artifact is kept with it: its referrers, an index's children, and theirs. */
    private void keepMembersOfKept(List<ArtifactId> ordered) {
        Deque<ArtifactId> kept = new ArrayDeque<>();
        ordered.stream().filter(this::isKept).forEach(kept::add);
        while (!kept.isEmpty()) {
            ArtifactId owner = kept.poll();
            for (ArtifactId member : members.getOrDefault(owner, Set.of())) {
                boolean wasKept = isKept(member);
                keep(member, "belongs to kept " + describe(owner) + " " + owner.digest(), KeepReason.WITH_ITS_UNIT);
                if (!wasKept) {
                    kept.add(member);
                }
            }
            Artifact artifact = byId.get(owner);
            if (artifact.kind() == ArtifactKind.INDEX) {
                for (String child : artifact.structure().children()) {
                    ArtifactId childId = new ArtifactId(owner.registry(), owner.repository(), child);
                    if (byId.containsKey(childId) && !isKept(childId)) {
                        protect(childId, "named by kept index " + owner.digest(), KeepReason.WITH_ITS_UNIT);
                        kept.add(childId);
                    }
                }
            }
        }
    }

    /** Protected or kept: what {@link #protect} and {@link #keep} both give kinds to. */
    private boolean isKept(ArtifactId id) {
        return kinds.containsKey(id);
    }

    private void protect(ArtifactId id, String reason, KeepReason kind) {
        List<String> reasons = protections.computeIfAbsent(id, key -> new ArrayList<>());
        if (!reasons.contains(reason)) {
            reasons.add(reason);
        }
        kinds.computeIfAbsent(id, key -> EnumSet.noneOf(KeepReason.class)).add(kind);
    }

    private void keep(ArtifactId id, String reason, KeepReason kind) {
        List<String> reasons = keeps.computeIfAbsent(id, key -> new ArrayList<>());
        if (!reasons.contains(reason)) {
            reasons.add(reason);
        }
        kinds.computeIfAbsent(id, key -> EnumSet.noneOf(KeepReason.class)).add(kind);
    }

    private String describe(ArtifactId id) {
        ArtifactKind kind = byId.get(id).kind();
        return owners.containsKey(id) && !kind.refersToSubject() ? "index child" : kind.wireName();
    }

    /** Referrers first (a referrer of a referrer before it), then images, then the children of deleted indexes. */
    private int deletionPhase(Artifact artifact) {
        int depth = 0;
        Artifact current = artifact;
        Set<ArtifactId> seen = new HashSet<>();
        while (current.structure().subject().isPresent() && owners.containsKey(current.id()) && seen.add(current.id())) {
            depth++;
            current = byId.get(owners.get(current.id()).iterator().next());
        }
        if (depth > 0) {
            return -depth;
        }
        return owners.containsKey(artifact.id()) ? 1 : 0;
    }

    /** For each used image, how many used images of its label class in the repository are newer. */
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

    private DeleteReason deleteKind(Artifact artifact) {
        if (owners.containsKey(artifact.id())) {
            return DeleteReason.WITH_ITS_UNIT;
        }
        if (excludedBy.containsKey(artifact.id())) {
            return DeleteReason.EXCLUDED_BY_RULE;
        }
        return artifact.used() ? DeleteReason.BEYOND_QUOTA : DeleteReason.NEVER_DEPLOYED;
    }

    private String deleteReason(Artifact artifact, DeleteReason kind, Map<Artifact, Integer> newerInClass) {
        return switch (kind) {
            case WITH_ITS_UNIT -> {
                ArtifactId owner = owners.get(artifact.id()).iterator().next();
                yield describe(artifact.id()) + " of deleted " + describe(owner) + " " + owner.digest()
                        + ", deleted with it";
            }
            case EXCLUDED_BY_RULE -> excludedBy.get(artifact.id());
            case BEYOND_QUOTA -> "used, but " + newerInClass.get(artifact) + " newer used images "
                    + LabelClass.of(artifact.labels()).describe() + " are kept before it";
            case NEVER_DEPLOYED -> "never deployed, pushed "
                    + Duration.between(artifact.pushedAt().orElseThrow(), now).toDays() + " days ago";
        };
    }

    /**
     * Sizes and freed bytes. An artifact's blobs are those its manifest names and, for an index, its children's.
     * A deletion frees the blobs no kept artifact of the same registry names, each blob counted at the first
     * deletion (in plan order) that names it.
     */
    private final class Bytes {

        private final Map<String, Set<String>> keptBlobs = new HashMap<>();

        void keep(List<Decision> kept) {
            for (Decision decision : kept) {
                keptBlobs.computeIfAbsent(decision.artifact().id().registry(), registry -> new HashSet<>())
                        .addAll(blobs(decision.artifact()).keySet());
            }
        }

        long size(Artifact artifact) {
            return blobs(artifact).values().stream().mapToLong(Long::longValue).sum();
        }

        List<RepositoryPlan> attribute(List<RepositoryPlan> plans) {
            Map<String, Set<String>> counted = new HashMap<>();
            List<RepositoryPlan> attributed = new ArrayList<>();
            for (RepositoryPlan plan : plans) {
                String registry = plan.repository().registry();
                Set<String> kept = keptBlobs.getOrDefault(registry, Set.of());
                Set<String> done = counted.computeIfAbsent(registry, key -> new HashSet<>());
                List<Decision> deleted = new ArrayList<>();
                for (Decision decision : plan.deleted()) {
                    long freed = 0;
                    for (Map.Entry<String, Long> blob : blobs(decision.artifact()).entrySet()) {
                        if (!kept.contains(blob.getKey()) && done.add(blob.getKey())) {
                            freed += blob.getValue();
                        }
                    }
                    deleted.add(new Decision(decision.artifact(), decision.protectedBy(), decision.keptBy(),
                            decision.deleteReason(), decision.deletedFor(), decision.keptFor(), decision.size(),
                            freed));
                }
                attributed.add(new RepositoryPlan(plan.repository(), plan.policyId(), plan.policyVersion(),
                        plan.kept(), deleted));
            }
            return attributed;
        }

        /**
         * The blobs an artifact names, with an index's children's (each child once, however deep). Until the
         * registry has been read, an artifact's recorded size stands for one blob of its own.
         */
        private Map<String, Long> blobs(Artifact artifact) {
            if (!artifact.structure().read()) {
                return Map.of(artifact.id().digest(), artifact.size());
            }
            Map<String, Long> blobs = new HashMap<>(artifact.structure().blobs());
            if (artifact.kind() == ArtifactKind.INDEX) {
                Deque<String> children = new ArrayDeque<>(artifact.structure().children());
                Set<String> seen = new HashSet<>();
                while (!children.isEmpty()) {
                    String digest = children.poll();
                    Artifact child = byId.get(new ArtifactId(artifact.id().registry(), artifact.id().repository(),
                            digest));
                    if (child != null && seen.add(digest)) {
                        blobs.putAll(child.structure().read() ? child.structure().blobs()
                                : Map.of(digest, child.size()));
                        children.addAll(child.structure().children());
                    }
                }
            }
            return blobs;
        }
    }
}

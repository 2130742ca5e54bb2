package io.layerline.retention.domain.plan;

import io.layerline.retention.domain.inventory.Artifact;

import java.util.List;
import java.util.Optional;

/**
 * What keeps an artifact whatever the rules say, judged for one artifact at a time. A protected member (a signature,
 * an index child) keeps what it belongs to too; the planner sees to that, and to the protections that need the whole
 * repository (a base of a kept image, a registry this instance does not manage).
 */
public sealed interface Protection permits Protection.NotEvaluated, Protection.PushTimeUnknown, Protection.Running,
        Protection.InRollbackSet, Protection.Held, Protection.Immutable {

    /** Every protection judged per artifact, in the order their reasons are given. */
    List<Protection> ALL = List.of(new NotEvaluated(), new PushTimeUnknown(), new Running(), new InRollbackSet(),
            new Held(), new Immutable());

    /** Why the artifact is protected, and the kind of reason. */
    record Verdict(String reason, KeepReason kind) {
    }

    /**
     * @param follows whether the artifact belongs to another (a referrer, an untagged index child) and follows it
     * @return the verdict when this protection covers the artifact
     */
    Optional<Verdict> of(Artifact artifact, ProtectionFacts facts, boolean follows);

    /** A protection could not be evaluated for it (missing data, an error): kept. */
    record NotEvaluated() implements Protection {
        @Override
        public Optional<Verdict> of(Artifact artifact, ProtectionFacts facts, boolean follows) {
            return facts.unknown().contains(artifact.id())
                    ? Optional.of(new Verdict("a protection could not be evaluated, so it is kept", KeepReason.UNKNOWN))
                    : Optional.empty();
        }
    }

    /** Its age cannot be checked; what follows another goes with it, and needs no age of its own. */
    record PushTimeUnknown() implements Protection {
        @Override
        public Optional<Verdict> of(Artifact artifact, ProtectionFacts facts, boolean follows) {
            return artifact.pushedAt().isEmpty() && !follows
                    ? Optional.of(new Verdict("its push time is unknown, so its age cannot be checked",
                    KeepReason.UNKNOWN))
                    : Optional.empty();
        }
    }

    /** Running in some environment now. */
    record Running() implements Protection {
        @Override
        public Optional<Verdict> of(Artifact artifact, ProtectionFacts facts, boolean follows) {
            return artifact.runningIn().isEmpty() ? Optional.empty()
                    : Optional.of(new Verdict("running in " + String.join(", ",
                    artifact.runningIn().stream().sorted().toList()), KeepReason.RUNNING));
        }
    }

    /** In some service's rollback set: its last K distinct prod digests. */
    record InRollbackSet() implements Protection {
        @Override
        public Optional<Verdict> of(Artifact artifact, ProtectionFacts facts, boolean follows) {
            return facts.rollbackSets().contains(artifact.id())
                    ? Optional.of(new Verdict("in a service's rollback set", KeepReason.ROLLBACK_SET))
                    : Optional.empty();
        }
    }

    /** Under an explicit hold. */
    record Held() implements Protection {
        @Override
        public Optional<Verdict> of(Artifact artifact, ProtectionFacts facts, boolean follows) {
            return facts.held().contains(artifact.id())
                    ? Optional.of(new Verdict("held", KeepReason.HELD)) : Optional.empty();
        }
    }

    /** Immutable in the registry (Harbor's immutability rules): the registry would refuse anyway. */
    record Immutable() implements Protection {
        @Override
        public Optional<Verdict> of(Artifact artifact, ProtectionFacts facts, boolean follows) {
            return artifact.immutable()
                    ? Optional.of(new Verdict("immutable in the registry", KeepReason.IMMUTABLE)) : Optional.empty();
        }
    }
}

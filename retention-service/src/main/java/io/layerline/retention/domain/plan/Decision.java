package io.layerline.retention.domain.plan;

import io.layerline.retention.domain.inventory.Artifact;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the plan does with one artifact, and every reason for it.
 *
 * @param protectedBy protections that cover it; a protected artifact is never deleted, whatever the rules say
 * @param keptFor     the kinds of those reasons, for counting: {@link KeepReason}
 * @param size        the bytes of every blob it names (an index: its children's, each blob once)
 * @param deletedFor  the kind of {@code deleteReason}; absent when it is kept
 * @param ownBytes    for a deletion, the bytes it frees: blobs no kept artifact of the registry names, each counted at
 *                    one deletion only; 0 for what is kept
 */
public record Decision(Artifact artifact, List<String> protectedBy, List<String> keptBy, String deleteReason,
                       DeleteReason deletedFor, Set<KeepReason> keptFor, long size, long ownBytes) {

    public Decision {
        protectedBy = List.copyOf(protectedBy);
        keptBy = List.copyOf(keptBy);
        keptFor = keptFor.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(keptFor));
    }

    public boolean kept() {
        return deleteReason == null;
    }

    /**
     * The one reason it is grouped under when a plan is reviewed: the kind of its deletion, or of the first reason
     * that keeps it in {@link KeepReason}'s order (running before a rollback, before a hold, …).
     */
    public String reasonKind() {
        if (!kept()) {
            return deletedFor.name();
        }
        return keptFor.stream().min(Comparator.naturalOrder()).map(Enum::name).orElse(KeepReason.POLICY_RULE.name());
    }
}

package io.layerline.retention.domain.plan;

import io.layerline.retention.domain.inventory.Artifact;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the plan does with one artifact, and every reason for it.
 *
 * @param protectedBy protections that cover it; a protected artifact is never deleted, whatever the rules say
 * @param keptFor     the kinds of those reasons, for counting: {@link KeepReason}
 */
public record Decision(Artifact artifact, List<String> protectedBy, List<String> keptBy, String deleteReason,
                       Set<KeepReason> keptFor) {

    public Decision {
        protectedBy = List.copyOf(protectedBy);
        keptBy = List.copyOf(keptBy);
        keptFor = keptFor.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(keptFor));
    }

    public boolean kept() {
        return deleteReason == null;
    }
}

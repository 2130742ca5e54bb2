package io.layerline.retention.domain.plan;

import io.layerline.retention.domain.inventory.Artifact;

import java.util.List;

/**
 * What the plan does with one artifact, and every reason for it.
 *
 * @param protectedBy protections that cover it; a protected artifact is never deleted, whatever the rules say
 */
public record Decision(Artifact artifact, List<String> protectedBy, List<String> keptBy, String deleteReason) {

    public Decision {
        protectedBy = List.copyOf(protectedBy);
        keptBy = List.copyOf(keptBy);
    }

    public boolean kept() {
        return deleteReason == null;
    }
}

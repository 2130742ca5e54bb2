package io.layerline.retention.application;

import io.layerline.retention.application.port.RegistryArtifacts;
import io.layerline.retention.domain.plan.ItemState;

import java.time.Instant;
import java.util.UUID;

/**
 * A deleted item of plan {@code plan} with what was kept of it for its undo window.
 *
 * @param until    when its window closes
 * @param closedAt when its window was closed (its keeper released, its manifests dropped); null while open
 */
public record KeptItem(UUID plan, PlanItem item, RegistryArtifacts.Kept kept, Instant until, Instant closedAt) {

    /** Whether it can be put back at {@code now}: deleted, and its window open. */
    public boolean restorable(Instant now) {
        return item.state() == ItemState.DELETED && closedAt == null
                && now.isBefore(until);
    }
}

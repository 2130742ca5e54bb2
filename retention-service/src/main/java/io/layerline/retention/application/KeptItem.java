package io.layerline.retention.application;

import io.layerline.retention.application.port.RegistryArtifacts;
import io.layerline.retention.domain.plan.ItemState;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
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
        return whyNotRestorable(now).isEmpty();
    }

    /** Why it cannot be put back at {@code now}, as the end of a sentence naming it; empty when it can. */
    public Optional<String> whyNotRestorable(Instant now) {
        if (item.state() == ItemState.RESTORED) {
            return Optional.of("is restored already");
        }
        if (item.state() != ItemState.DELETED) {
            return Optional.of("was not deleted (" + item.state().name().toLowerCase(Locale.ROOT) + ")");
        }
        if (closedAt != null || !now.isBefore(until)) {
            return Optional.of("can no longer be restored: its undo window closed at "
                    + (closedAt != null ? closedAt : until));
        }
        return Optional.empty();
    }
}

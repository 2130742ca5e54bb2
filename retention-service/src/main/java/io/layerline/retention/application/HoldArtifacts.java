package io.layerline.retention.application;

import io.layerline.retention.application.port.Holds;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/** Operators' holds: an artifact held is kept by every plan until the hold is released. */
@Singleton
public class HoldArtifacts {

    private final Holds holds;
    private final Clock clock;

    HoldArtifacts(Holds holds, Clock clock) {
        this.holds = holds;
        this.clock = clock;
    }

    /** Holds {@code artifact}; false when it was held already (the first hold stays). */
    @Transactional
    public boolean place(ArtifactId artifact, String reason, String heldBy) {
        return holds.place(artifact, reason, heldBy, clock.instant());
    }

    /** Releases the hold on {@code artifact}; false when there was none. */
    @Transactional
    public boolean release(ArtifactId artifact) {
        return holds.release(artifact);
    }

    @ReadOnly
    public List<Hold> list(int limit, int offset) {
        return holds.list(limit, offset);
    }
}

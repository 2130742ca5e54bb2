package io.layerline.retention.application.port;

import io.layerline.retention.application.Hold;
import io.layerline.retention.domain.inventory.ArtifactId;

import java.time.Instant;
import java.util.List;

/** Explicit holds: artifacts an operator protects from retention until the hold is released. */
public interface Holds {

    /** Places a hold; false when the artifact was held already (the first hold stays). */
    boolean place(ArtifactId artifact, String reason, String heldBy, Instant at);

    /** Releases a hold; false when there was none. */
    boolean release(ArtifactId artifact);

    List<Hold> list(int limit, int offset);
}

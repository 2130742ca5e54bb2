package io.layerline.promotion.application;

import io.layerline.promotion.domain.deployment.ImageCoordinates;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Promotion labels in the ledger and their application in registries. Writes join the caller's transaction. */
public interface Labels {

    Set<String> of(ImageCoordinates image);

    List<ImageLabel> detailsOf(ImageCoordinates image);

    /** Adds a label; false when the image carried it already. */
    boolean add(ImageCoordinates image, String label, String environment, String deploymentId, Instant at);

    /** Queues the label for the registry. */
    void requestApplication(ImageCoordinates image, String label, Instant at);

    List<PendingLabel> due(Instant now, int limit);

    List<PendingLabel> pending(int limit, int offset);

    long pendingCount();

    void markApplied(long id, Instant at);

    void markFailed(long id, String error, Instant nextAttemptAt);
}

package io.layerline.promotion.application.port;

import io.layerline.promotion.application.EarnedLabel;
import io.layerline.promotion.application.ImageLabel;
import io.layerline.promotion.application.PendingLabel;
import io.layerline.promotion.domain.deployment.ImageCoordinates;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Promotion labels in the ledger and their application in registries. Writes join the caller's transaction. */
public interface Labels {

    /** The labels of each of these untagged images; an image without labels is left out. */
    Map<ImageCoordinates, Set<String>> of(Set<ImageCoordinates> images);

    List<ImageLabel> detailsOf(ImageCoordinates image);

    /** Adds labels in this order, with one JDBC batch; for each, false when the image carried it already. */
    List<Boolean> add(List<EarnedLabel> labels);

    /** Queues the labels for the registry, with one JDBC batch. */
    void requestApplication(List<EarnedLabel> labels);

    List<PendingLabel> due(Instant now, int limit);

    List<PendingLabel> pending(int limit, int offset);

    long pendingCount();

    void markApplied(long id, Instant at);

    void markFailed(long id, String error, Instant nextAttemptAt);
}

package io.layerline.promotion.domain.deployment;

import java.time.Instant;
import java.util.Optional;

/**
 * A deployment a deployer reported as finished: what image reached which environment of which service, and how
 * it ended.
 *
 * @param externalId the deployer's own id; repeats of it are the same deployment
 * @param target     the cluster or host it ran on
 */
public record Deployment(
        String externalId,
        String service,
        String environment,
        ImageCoordinates image,
        Kind kind,
        Status status,
        Optional<String> deployer,
        Optional<String> target,
        Optional<Instant> startedAt,
        Instant finishedAt) {

    public enum Kind { DEPLOYED, UPGRADED, ROLLED_BACK }

    public enum Status { SUCCEEDED, FAILED }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}

package io.layerline.promotion.domain.rollback;

import java.time.Instant;
import java.util.Optional;

/** An image a service can roll back to: it ran successfully in the environment, last at {@code deployedAt}. */
public record RollbackCandidate(String registry, String repository, String digest, Optional<String> tag,
                                Instant deployedAt, Optional<String> deployer, String deploymentId) {
}

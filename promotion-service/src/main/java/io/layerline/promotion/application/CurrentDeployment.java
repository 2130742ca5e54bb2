package io.layerline.promotion.application;

import io.layerline.promotion.domain.deployment.ImageCoordinates;

import java.time.Instant;
import java.util.Optional;

/**
 * The image running now for a service in an environment, since when, and the deployment that put it there with who
 * deployed it, when the deployer said.
 */
public record CurrentDeployment(String service, String environment, ImageCoordinates image, Instant since,
                                String deploymentId, Optional<String> deployer) {
}

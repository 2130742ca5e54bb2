package io.layerline.promotion.application;

import io.layerline.promotion.domain.deployment.ImageCoordinates;

import java.time.Instant;

/** A label an image earned by a deployment to an environment. */
public record EarnedLabel(ImageCoordinates image, String label, String environment, String deploymentId,
                          Instant at) {
}

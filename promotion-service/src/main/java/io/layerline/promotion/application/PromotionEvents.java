package io.layerline.promotion.application;

import io.layerline.promotion.domain.deployment.Deployment;
import io.layerline.promotion.domain.deployment.ImageCoordinates;

import java.time.Instant;

/** The events the service publishes, in the caller's transaction. */
public interface PromotionEvents {

    void deploymentFinished(Deployment deployment);

    void imagePromoted(ImageCoordinates image, String label, String environment, String deploymentId, Instant at);
}

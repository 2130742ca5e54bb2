package io.layerline.promotion.application.port;

import io.layerline.promotion.application.EarnedLabel;
import io.layerline.promotion.domain.deployment.Deployment;

import java.util.List;

/** The events the service publishes, in the caller's transaction. */
public interface PromotionEvents {

    void deploymentFinished(Deployment deployment);

    /** ImagePromoted for each label, in this order. */
    void imagesPromoted(List<EarnedLabel> labels);
}

package io.layerline.promotion.domain.label;

import io.layerline.promotion.domain.deployment.Deployment;

import java.util.Set;

/** Decides what a deployment promotes. Labels only add up: nothing a deployment does removes one. */
public final class Promotions {

    private final LabelPolicy policy;

    public Promotions(LabelPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param currentLabels the labels the deployed image carries already
     */
    public PromotionOutcome decide(Deployment deployment, Set<String> currentLabels) {
        if (!deployment.succeeded()) {
            return new PromotionOutcome.Unchanged("the deployment failed");
        }
        return policy.labelFor(deployment.image().project(), deployment.environment())
                .<PromotionOutcome>map(label -> currentLabels.contains(label)
                        ? new PromotionOutcome.Unchanged("the image is labelled " + label + " already")
                        : new PromotionOutcome.Promoted(label))
                .orElseGet(() -> new PromotionOutcome.Unchanged(
                        "a deployment to " + deployment.environment() + " earns no label"));
    }
}

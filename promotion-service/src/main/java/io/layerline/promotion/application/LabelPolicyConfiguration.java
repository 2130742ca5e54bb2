package io.layerline.promotion.application;

import io.layerline.promotion.domain.label.LabelPolicy;
import io.layerline.promotion.domain.label.Promotions;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * {@code layerline.promotion.label-policy.environments}: environment → label (default {@code prod_test:
 * maybe_prod}, {@code prod: prod}); {@code layerline.promotion.label-policy.projects.<project>}: the same for one
 * registry project, replacing the default mapping there.
 */
@ConfigurationProperties("layerline.promotion.label-policy")
public record LabelPolicyConfiguration(@Nullable Map<String, String> environments,
                                       @Nullable Map<String, Map<String, String>> projects) {

    public LabelPolicy policy() {
        return new LabelPolicy(environments == null || environments.isEmpty()
                ? LabelPolicy.DEFAULT.defaults() : environments, projects == null ? Map.of() : projects);
    }

    @Factory
    static class PromotionsFactory {

        @Singleton
        Promotions promotions(LabelPolicyConfiguration configuration) {
            return new Promotions(configuration.policy());
        }
    }
}

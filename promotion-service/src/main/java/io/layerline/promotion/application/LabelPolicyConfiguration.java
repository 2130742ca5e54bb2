package io.layerline.promotion.application;

import io.layerline.promotion.domain.label.LabelPolicy;
import io.layerline.promotion.domain.label.Promotions;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * {@code layerline.promotion.labels}: environment → label (default {@code prod_test: maybe_prod},
 * {@code prod: prod}); {@code layerline.promotion.project-labels.<project>}: the same for one registry project,
 * replacing the default mapping there.
 */
@ConfigurationProperties("layerline.promotion")
public record LabelPolicyConfiguration(@Nullable Map<String, String> labels,
                                       @Nullable Map<String, Map<String, String>> projectLabels) {

    public LabelPolicy policy() {
        return new LabelPolicy(labels == null || labels.isEmpty() ? LabelPolicy.DEFAULT.defaults() : labels,
                projectLabels == null ? Map.of() : projectLabels);
    }

    @Factory
    static class PromotionsFactory {

        @Singleton
        Promotions promotions(LabelPolicyConfiguration configuration) {
            return new Promotions(configuration.policy());
        }
    }
}

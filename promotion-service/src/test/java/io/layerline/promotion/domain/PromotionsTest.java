package io.layerline.promotion.domain;

import io.layerline.promotion.domain.label.LabelPolicy;
import io.layerline.promotion.domain.label.PromotionOutcome;
import io.layerline.promotion.domain.label.Promotions;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.layerline.promotion.domain.Deployments.aDeployment;
import static org.assertj.core.api.Assertions.assertThat;

class PromotionsTest {

    private final Promotions promotions = new Promotions(LabelPolicy.DEFAULT);

    @Test
    void aSuccessfulDeployToProdTestLabelsTheImageMaybeProd() {
        assertThat(promotions.decide(aDeployment().to("prod_test").build(), Set.of()))
                .isEqualTo(new PromotionOutcome.Promoted("maybe_prod"));
    }

    @Test
    void aSuccessfulDeployToProdLabelsTheImageProd() {
        assertThat(promotions.decide(aDeployment().to("prod").build(), Set.of("maybe_prod")))
                .isEqualTo(new PromotionOutcome.Promoted("prod"));
    }

    @Test
    void aFailedDeployPromotesNothing() {
        assertThat(promotions.decide(aDeployment().to("prod").failed().build(), Set.of()))
                .isInstanceOf(PromotionOutcome.Unchanged.class);
    }

    @Test
    void anEnvironmentWithoutALabelPromotesNothing() {
        assertThat(promotions.decide(aDeployment().to("dev").build(), Set.of()))
                .isEqualTo(new PromotionOutcome.Unchanged("a deployment to dev earns no label"));
    }

    @Test
    void labelsOnlyAddUpAProdImageDeployedToProdTestAgainKeepsProdAndGainsNothingTwice() {
        assertThat(promotions.decide(aDeployment().to("prod_test").build(), Set.of("prod", "maybe_prod")))
                .isInstanceOf(PromotionOutcome.Unchanged.class);
        assertThat(promotions.decide(aDeployment().to("prod_test").build(), Set.of("prod")))
                .isEqualTo(new PromotionOutcome.Promoted("maybe_prod"));
    }

    @Test
    void aProjectCanHaveItsOwnEnvironmentToLabelMapping() {
        Promotions custom = new Promotions(new LabelPolicy(Map.of("prod", "prod"),
                Map.of("payments", Map.of("staging", "maybe_prod", "live", "prod"))));

        assertThat(custom.decide(aDeployment().inRepository("payments/api").to("live").build(), Set.of()))
                .isEqualTo(new PromotionOutcome.Promoted("prod"));
        assertThat(custom.decide(aDeployment().inRepository("payments/api").to("prod").build(), Set.of()))
                .isInstanceOf(PromotionOutcome.Unchanged.class);
        assertThat(custom.decide(aDeployment().inRepository("search/api").to("prod").build(), Set.of()))
                .isEqualTo(new PromotionOutcome.Promoted("prod"));
    }
}

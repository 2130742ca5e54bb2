package io.layerline.retention.domain.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LabelClassTest {

    @Test
    void theHighestPromotionLabelDecidesTheClass() {
        assertThat(LabelClass.of(Set.of("maybe_prod", "prod"))).isEqualTo(LabelClass.PROD);
        assertThat(LabelClass.of(List.of("maybe_prod"))).isEqualTo(LabelClass.MAYBE_PROD);
        assertThat(LabelClass.of(List.of("prod"))).isEqualTo(LabelClass.PROD);
    }

    @Test
    void labelsThatAreNotPromotionsLeaveAnImageUnlabelled() {
        assertThat(LabelClass.of(List.of())).isEqualTo(LabelClass.UNLABELLED);
        assertThat(LabelClass.of(List.of("team-payments", "Prod"))).isEqualTo(LabelClass.UNLABELLED);
    }
}

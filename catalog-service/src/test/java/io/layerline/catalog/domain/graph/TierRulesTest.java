package io.layerline.catalog.domain.graph;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TierRulesTest {

    private final TierRules rules = new TierRules(List.of(
            new TierRules.Rule(new RepositoryPattern("h.io/tooling/**"), Tier.TOOLING),
            new TierRules.Rule(new RepositoryPattern("*/os/*"), Tier.OS)));

    @Test
    void whatTheOwnersEnteredWinsOverRulesAndTheGraph() {
        assertThat(rules.assign("h.io/tooling/x", Tier.APP, 2, true))
                .isEqualTo(new TierRules.Assignment(Tier.APP, TierRules.Source.EXPLICIT));
    }

    @Test
    void theFirstMatchingPatternDecidesNext() {
        assertThat(rules.assign("h.io/tooling/java/maven", null, 0, false))
                .isEqualTo(new TierRules.Assignment(Tier.TOOLING, TierRules.Source.RULE));
        assertThat(rules.assign("h.io/os/debian", null, 3, false).tier()).isEqualTo(Tier.OS);
        assertThat(rules.assign("h.io/os/debian/slim", null, 3, false).source()).isEqualTo(TierRules.Source.GRAPH);
    }

    @Test
    void otherwiseLeavesAreApplicationsAndDepthGivesTheRest() {
        assertThat(rules.assign("h.io/team/app", null, 0, false).tier()).isEqualTo(Tier.APP);
        assertThat(rules.assign("h.io/base/a", null, 0, true).tier()).isEqualTo(Tier.OS);
        assertThat(rules.assign("h.io/base/b", null, 1, true).tier()).isEqualTo(Tier.RUNTIME);
        assertThat(rules.assign("h.io/base/c", null, 2, true).tier()).isEqualTo(Tier.TOOLING);
        assertThat(rules.assign("h.io/base/d", null, 5, true).tier()).isEqualTo(Tier.TOOLING);
    }
}

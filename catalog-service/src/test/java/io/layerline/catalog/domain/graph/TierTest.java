package io.layerline.catalog.domain.graph;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TierTest {

    @Test
    void eachTierBuildsOnItsOwnOrALowerTier() {
        assertThat(Tier.RUNTIME.mayBuildOn(Tier.OS)).isTrue();
        assertThat(Tier.TOOLING.mayBuildOn(Tier.RUNTIME)).isTrue();
        assertThat(Tier.TOOLING.mayBuildOn(Tier.TOOLING)).isTrue();
        assertThat(Tier.APP.mayBuildOn(Tier.OS)).isTrue();
    }

    @Test
    void aLowerTierBuiltOnAHigherOneIsAViolation() {
        assertThat(Tier.OS.mayBuildOn(Tier.RUNTIME)).isFalse();
        assertThat(Tier.RUNTIME.mayBuildOn(Tier.TOOLING)).isFalse();
    }

    @Test
    void anApplicationIsNeverABase() {
        assertThat(Tier.APP.mayBuildOn(Tier.APP)).isFalse();
        assertThat(Tier.RUNTIME.mayBuildOn(Tier.APP)).isFalse();
    }
}

package io.layerline.retention.domain;

import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.plan.ProtectionFacts;
import io.layerline.retention.domain.plan.Recheck;
import io.layerline.retention.domain.policy.RetentionPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static io.layerline.retention.domain.Artifacts.NOW;
import static io.layerline.retention.domain.Artifacts.anImage;
import static io.layerline.retention.domain.Artifacts.id;
import static org.assertj.core.api.Assertions.assertThat;

class RecheckTest {

    private static final Function<RepositoryId, Optional<RetentionPolicy>> DEFAULTS =
            repository -> Optional.of(RetentionPolicy.defaults("default", "**", "**"));

    /** Three used images: the oldest was planned for deletion. */
    private final List<Artifact> repository = List.of(
            anImage("old").deployedDaysAgo(30).build(),
            anImage("mid").deployedDaysAgo(20).build(),
            anImage("new").deployedDaysAgo(10).build());

    private Optional<String> keptNow(List<Artifact> present, ProtectionFacts facts) {
        return Recheck.keptNow(id("team/app", "old"), present, facts, DEFAULTS, registry -> true, NOW);
    }

    @Test
    void whatTheInventoryStillPlansToDeleteMayGo() {
        assertThat(keptNow(repository, ProtectionFacts.NONE)).isEmpty();
    }

    @Test
    void whatIsGoneAlreadyMayGo() {
        assertThat(keptNow(repository.subList(1, 3), Facts.none().held(id("team/app", "old")).build())).isEmpty();
    }

    @Test
    void aHoldARollbackSetOrADeploySinceThePlanKeepsItWithTheReason() {
        assertThat(keptNow(repository, Facts.none().held(id("team/app", "old")).build()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("held"));
        assertThat(keptNow(repository, Facts.none().inRollbackSet(id("team/app", "old")).build()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("rollback"));
        List<Artifact> deployedSince = List.of(anImage("old").deployedMinutesAgo(5).runningIn("prod").build(),
                repository.get(1), repository.get(2));
        assertThat(keptNow(deployedSince, ProtectionFacts.NONE))
                .hasValueSatisfying(reason -> assertThat(reason).contains("running in prod"));
    }

    @Test
    void anImageStillPresentBuiltOnItKeepsIt() {
        ProtectionFacts facts = Facts.none().builtOn(id("team/child", "c1"), id("team/app", "old")).build();

        assertThat(keptNow(repository, facts)).contains("base of an image still present");
    }
}

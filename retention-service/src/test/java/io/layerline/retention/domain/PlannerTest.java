package io.layerline.retention.domain;

import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.plan.Decision;
import io.layerline.retention.domain.plan.KeepReason;
import io.layerline.retention.domain.plan.Planner;
import io.layerline.retention.domain.plan.ProtectionFacts;
import io.layerline.retention.domain.plan.RetentionPlan;
import io.layerline.retention.domain.policy.KeepNeverDeployedYoungerThan;
import io.layerline.retention.domain.policy.KeepTagsMatching;
import io.layerline.retention.domain.policy.RetentionPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import static io.layerline.retention.domain.Artifacts.NOW;
import static io.layerline.retention.domain.Artifacts.anImage;
import static io.layerline.retention.domain.Artifacts.id;
import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {

    private static final RetentionPolicy DEFAULTS = RetentionPolicy.defaults("default", "**", "**");
    private static final Function<RepositoryId, Optional<RetentionPolicy>> EVERYWHERE =
            repository -> Optional.of(DEFAULTS);

    @Test
    void keepsTheTwoNewestUsedUnlabelledImagesAndDeletesTheOlderOnes() {
        List<Artifact> inventory = List.of(
                anImage("u1").deployedDaysAgo(30).build(),
                anImage("u2").deployedDaysAgo(20).build(),
                anImage("u3").deployedDaysAgo(10).build());

        RetentionPlan plan = Planner.plan(inventory, EVERYWHERE, ProtectionFacts.NONE, NOW);

        assertThat(kept(plan)).containsExactlyInAnyOrder(id("team/app", "u2"), id("team/app", "u3"));
        Decision deleted = plan.repositories().get(0).deleted().get(0);
        assertThat(deleted.deleteReason()).isEqualTo("used, but 2 newer used images without a promotion label are kept before it");
        assertThat(plan.bytesToReclaim()).isEqualTo(100_000_000L);
    }

    @Test
    void keepsTheTenNewestProdImagesOfEachRepository() {
        List<Artifact> inventory = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            inventory.add(anImage("p" + i).labelled("maybe_prod", "prod").deployedDaysAgo(100 - i).build());
            inventory.add(anImage("q" + i).in("team/other").labelled("prod").deployedDaysAgo(100 - i).build());
        }

        RetentionPlan plan = Planner.plan(inventory, EVERYWHERE, ProtectionFacts.NONE, NOW);

        assertThat(plan.repositories()).allSatisfy(repository -> {
            assertThat(repository.kept()).hasSize(10);
            assertThat(repository.deleted()).hasSize(2);
        });
        assertThat(kept(plan)).doesNotContain(id("team/app", "p0"), id("team/app", "p1"));
    }

    @Test
    void neverDeletesWhatRunsWhatIsInARollbackSetHeldImmutableOrUncheckable() {
        List<Artifact> inventory = List.of(
                anImage("running").deployedDaysAgo(400).runningIn("prod").build(),
                anImage("rollback").deployedDaysAgo(300).build(),
                anImage("held").build(),
                anImage("immutable").immutable().build(),
                anImage("unknown").build(),
                anImage("n1").deployedDaysAgo(2).build(),
                anImage("n2").deployedDaysAgo(1).build());
        ProtectionFacts facts = Facts.none().inRollbackSet(id("team/app", "rollback")).held(id("team/app", "held"))
                .unknown(id("team/app", "unknown")).build();

        RetentionPlan plan = Planner.plan(inventory, EVERYWHERE, facts, NOW);

        assertThat(plan.deletions()).isEmpty();
        assertThat(decision(plan, "running").protectedBy()).containsExactly("running in prod");
        assertThat(decision(plan, "running").keptFor()).containsExactly(KeepReason.RUNNING);
        assertThat(decision(plan, "rollback").keptFor()).containsExactly(KeepReason.ROLLBACK_SET);
        assertThat(decision(plan, "n2").keptFor()).containsExactly(KeepReason.POLICY_RULE);
        assertThat(decision(plan, "unknown").protectedBy()).containsExactly("a protection could not be evaluated, so it is kept");
        assertThat(decision(plan, "held").reasonKind()).as("a reviewer groups it under its first reason")
                .isEqualTo("HELD");
    }

    @Test
    void keepsEveryBaseOfAKeptImageDownTheTreeAcrossRepositories() {
        List<Artifact> inventory = List.of(
                anImage("os").in("base/debian").build(),
                anImage("jdk").in("runtime/temurin").build(),
                anImage("app").in("team/app").deployedDaysAgo(1).build(),
                anImage("orphan-base").in("base/debian").build());
        ProtectionFacts facts = Facts.none().builtOn(id("team/app", "app"), id("runtime/temurin", "jdk"))
                .builtOn(id("runtime/temurin", "jdk"), id("base/debian", "os")).build();

        RetentionPlan plan = Planner.plan(inventory, EVERYWHERE, facts, NOW);

        assertThat(plan.deletions()).extracting(Artifact::id).containsExactly(id("base/debian", "orphan-base"));
        assertThat(plan.repositories().stream().flatMap(repository -> repository.deleted().stream())
                .map(Decision::reasonKind)).containsExactly("NEVER_DEPLOYED");
        assertThat(decision(plan, "os").protectedBy()).containsExactly("base of kept " + id("runtime/temurin", "jdk"));
        assertThat(decision(plan, "os").keptFor()).containsExactly(KeepReason.BASE_OF_KEPT);
    }

    @Test
    void keepsFreshPushesTaggedReleasesAndYoungNeverDeployedImagesWhenThePolicySaysSo() {
        RetentionPolicy policy = new RetentionPolicy("custom", 3, "**", "**", List.of(
                new KeepTagsMatching(Pattern.compile("v\\d+\\.\\d+\\.\\d+")),
                new KeepNeverDeployedYoungerThan(Duration.ofDays(30))));
        List<Artifact> inventory = List.of(
                anImage("release").tagged("v1.2.3").build(),
                anImage("young").pushedDaysAgo(10).build(),
                anImage("old").pushedDaysAgo(40).build());

        RetentionPlan plan = Planner.plan(inventory, repository -> Optional.of(policy), ProtectionFacts.NONE, NOW);

        assertThat(kept(plan)).containsExactlyInAnyOrder(id("team/app", "release"), id("team/app", "young"));
        assertThat(plan.repositories().get(0).deleted().get(0).deleteReason()).isEqualTo("never deployed, pushed 40 days ago");
        assertThat(plan.repositories().get(0).policyVersion()).isEqualTo(3);
    }

    @Test
    void keepsEverythingInARepositoryNoPolicyGoverns() {
        RetentionPolicy onlyTeam = RetentionPolicy.defaults("team", "harbor.example.com", "team/*");
        List<Artifact> inventory = List.of(anImage("a").in("other/app").build(), anImage("b").build());

        RetentionPlan plan = Planner.plan(inventory,
                repository -> Optional.of(onlyTeam).filter(policy -> policy.governs(repository)), ProtectionFacts.NONE, NOW);

        assertThat(plan.deletions()).extracting(Artifact::id).containsExactly(id("team/app", "b"));
        assertThat(decision(plan, "a").keptBy()).containsExactly("no retention policy governs harbor.example.com/other/app");
    }

    @Test
    void globsMatchWithinAndAcrossPathSegments() {
        RetentionPolicy policy = RetentionPolicy.defaults("p", "harbor.*.com", "team/**");

        assertThat(policy.governs(new RepositoryId("harbor.example.com", "team/a/b"))).isTrue();
        assertThat(policy.governs(new RepositoryId("harbor.example.com", "other/a"))).isFalse();
        assertThat(RetentionPolicy.defaults("p", "**", "team/*").governs(new RepositoryId("r", "team/a/b"))).isFalse();
    }

    private static List<ArtifactId> kept(RetentionPlan plan) {
        return plan.repositories().stream().flatMap(repository -> repository.kept().stream())
                .map(decision -> decision.artifact().id()).toList();
    }

    private static Decision decision(RetentionPlan plan, String seed) {
        return plan.repositories().stream().flatMap(repository -> java.util.stream.Stream.concat(
                        repository.kept().stream(), repository.deleted().stream()))
                .filter(decision -> decision.artifact().id().digest().equals(Artifacts.digest(seed)))
                .findFirst().orElseThrow();
    }
}

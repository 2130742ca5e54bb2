package io.layerline.retention.domain;

import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.ArtifactKind;
import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.inventory.Structure;
import io.layerline.retention.domain.plan.Decision;
import io.layerline.retention.domain.plan.KeepReason;
import io.layerline.retention.domain.plan.Planner;
import io.layerline.retention.domain.plan.ProtectionFacts;
import io.layerline.retention.domain.plan.RetentionPlan;
import io.layerline.retention.domain.policy.DeleteUntaggedOlderThan;
import io.layerline.retention.domain.policy.KeepNewestUsed;
import io.layerline.retention.domain.policy.LabelClass;
import io.layerline.retention.domain.policy.RetentionPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static io.layerline.retention.domain.Artifacts.NOW;
import static io.layerline.retention.domain.Artifacts.anImage;
import static io.layerline.retention.domain.Artifacts.digest;
import static io.layerline.retention.domain.Artifacts.id;
import static org.assertj.core.api.Assertions.assertThat;

/** Signatures, attestations, SBOMs and index children are planned with what they belong to. */
class ArtifactUnitsTest {

    private static final RetentionPolicy DEFAULTS = RetentionPolicy.defaults("default", "**", "**");
    private static final Function<RepositoryId, Optional<RetentionPolicy>> EVERYWHERE = repository -> Optional.of(DEFAULTS);
    private static final Map<String, Long> BASE = Map.of("sha256:base", 8_388_608L, "sha256:deps", 2_097_152L);

    @Test
    void theSignatureOfARunningImageIsKeptAndOneOfADeletedImageGoesFirst() {
        List<Artifact> inventory = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inventory.add(image("v" + i, i).build());
        }
        inventory.set(4, image("v4", 4).runningIn("prod").build());
        inventory.add(signature("v4"));
        inventory.add(signature("v0"));

        RetentionPlan plan = Planner.plan(inventory, EVERYWHERE, ProtectionFacts.NONE, NOW);

        Decision keptSignature = decision(plan, sig("v4"));
        assertThat(keptSignature.kept()).isTrue();
        assertThat(keptSignature.keptFor()).contains(KeepReason.WITH_ITS_UNIT);
        List<ArtifactId> deleted = plan.deletions().stream().map(Artifact::id).toList();
        assertThat(deleted).contains(sig("v0"), id("team/app", "v0"));
        assertThat(deleted.indexOf(sig("v0"))).isLessThan(deleted.indexOf(id("team/app", "v0")));
        assertThat(decision(plan, sig("v0")).deleteReason()).contains("deleted with it");
    }

    @Test
    void referrersNeverCountAmongTheNewestImages() {
        List<Artifact> inventory = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inventory.add(image("u" + i, i).deployedDaysAgo(30 - i).build());
            inventory.add(signature("u" + i));
        }

        RetentionPlan plan = Planner.plan(inventory, EVERYWHERE, ProtectionFacts.NONE, NOW);

        assertThat(plan.deletions()).extracting(Artifact::id)
                .containsExactlyInAnyOrder(id("team/app", "u0"), sig("u0"));
    }

    @Test
    void aDeletionFreesOnlyTheBlobsNoKeptImageNames() {
        List<Artifact> inventory = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inventory.add(image("s" + i, i).deployedDaysAgo(30 - i).build());
        }

        RetentionPlan plan = Planner.plan(inventory, EVERYWHERE, ProtectionFacts.NONE, NOW);

        assertThat(plan.deletions()).hasSize(3);
        assertThat(plan.bytesToReclaim()).isEqualTo(3 * 65_536L);
        assertThat(plan.repositories().get(0).deleted()).allSatisfy(decision -> {
            assertThat(decision.size()).isEqualTo(8_388_608L + 2_097_152L + 65_536L);
            assertThat(decision.ownBytes()).isEqualTo(65_536L);
        });
    }

    @Test
    void anIndexIsOneUnitWithItsChildrenAndIsSizedByTheirBlobs() {
        Artifact amd64 = anImage("amd64").pushedDaysAgo(40).structure(new Structure(ArtifactKind.IMAGE,
                Optional.empty(), Optional.empty(), Set.of(), Map.of("sha256:a", 100L, "sha256:shared", 50L), true))
                .build();
        Artifact arm64 = anImage("arm64").pushedDaysAgo(40).structure(new Structure(ArtifactKind.IMAGE,
                Optional.empty(), Optional.empty(), Set.of(), Map.of("sha256:b", 200L, "sha256:shared", 50L), true))
                .build();
        Artifact index = anImage("multi").tagged("1.0").pushedDaysAgo(40).structure(new Structure(ArtifactKind.INDEX,
                Optional.empty(), Optional.empty(), Set.of(digest("amd64"), digest("arm64")), Map.of(), true)).build();

        RetentionPlan unused = Planner.plan(List.of(amd64, arm64, index), EVERYWHERE, ProtectionFacts.NONE, NOW);
        assertThat(unused.deletions()).extracting(Artifact::id).containsExactly(id("team/app", "multi"),
                id("team/app", "amd64"), id("team/app", "arm64"));
        assertThat(decision(unused, id("team/app", "multi")).size()).isEqualTo(350L);
        assertThat(unused.bytesToReclaim()).isEqualTo(350L);

        Artifact deployed = anImage("multi").tagged("1.0").pushedDaysAgo(40).deployedDaysAgo(1)
                .structure(index.structure()).build();
        RetentionPlan used = Planner.plan(List.of(amd64, arm64, deployed), EVERYWHERE, ProtectionFacts.NONE, NOW);
        assertThat(used.deletions()).isEmpty();
        assertThat(decision(used, id("team/app", "amd64")).keptBy()).anyMatch(reason -> reason.contains("index"));
    }

    @Test
    void aHeldSignatureKeepsItsImageAndAnUnmanagedRegistryIsKeptWhole() {
        List<Artifact> inventory = List.of(image("old", 0).build(), signature("old"));

        RetentionPlan held = Planner.plan(inventory, EVERYWHERE,
                Facts.none().held(sig("old")).build(), NOW);
        assertThat(held.deletions()).isEmpty();
        assertThat(decision(held, id("team/app", "old")).keptFor()).contains(KeepReason.HELD);

        RetentionPlan unmanaged = Planner.plan(inventory, EVERYWHERE, ProtectionFacts.NONE, registry -> false, NOW);
        assertThat(unmanaged.deletions()).isEmpty();
        assertThat(decision(unmanaged, id("team/app", "old")).keptFor()).containsExactly(KeepReason.UNMANAGED);
    }

    @Test
    void aHelmChartIsNotAnImageAndASignatureWithoutItsSubjectIsKept() {
        Artifact chart = anImage("chart").tagged("0.3.1").structure(new Structure(ArtifactKind.ARTIFACT,
                Optional.of("application/vnd.cncf.helm.config.v1+json"), Optional.empty(), Set.of(),
                Map.of("sha256:chart", 4_096L), true)).build();
        Artifact orphan = signature("gone");

        RetentionPlan plan = Planner.plan(List.of(chart, orphan), EVERYWHERE, ProtectionFacts.NONE, NOW);

        assertThat(plan.deletions()).isEmpty();
        assertThat(decision(plan, chart.id()).keptFor()).containsExactly(KeepReason.NOT_AN_IMAGE);
        assertThat(decision(plan, orphan.id()).protectedBy()).anyMatch(reason -> reason.contains("not in the inventory"));
    }

    @Test
    void untaggedImagesOlderThanTheirAgeAreKeptByNoRuleButProtectionsAndUnitsHold() {
        RetentionPolicy policy = new RetentionPolicy("untagged", 1, "**", "**", List.of(
                new KeepNewestUsed(LabelClass.UNLABELLED, 10), new DeleteUntaggedOlderThan(Duration.ofDays(14))));
        Artifact lostItsTag = anImage("lost").pushedDaysAgo(30).deployedDaysAgo(20).build();
        Artifact runningUntagged = anImage("running").pushedDaysAgo(30).deployedDaysAgo(20).runningIn("prod").build();
        Artifact recentUntagged = anImage("recent").pushedDaysAgo(3).deployedDaysAgo(2).build();
        Artifact tagged = anImage("tagged").tagged("1.0").pushedDaysAgo(30).deployedDaysAgo(20).build();
        Artifact amd64 = anImage("amd64").pushedDaysAgo(30).structure(new Structure(ArtifactKind.IMAGE,
                Optional.empty(), Optional.empty(), Set.of(), Map.of("sha256:a", 1L), true)).build();
        Artifact index = anImage("multi").tagged("multi").pushedDaysAgo(30).deployedDaysAgo(20)
                .structure(new Structure(ArtifactKind.INDEX, Optional.empty(), Optional.empty(),
                        Set.of(digest("amd64")), Map.of(), true)).build();

        RetentionPlan plan = Planner.plan(List.of(lostItsTag, runningUntagged, recentUntagged, tagged, amd64, index),
                repository -> Optional.of(policy), ProtectionFacts.NONE, NOW);

        assertThat(plan.deletions()).extracting(Artifact::id).containsExactly(lostItsTag.id());
        assertThat(decision(plan, lostItsTag.id()).deleteReason())
                .isEqualTo("delete images untagged and pushed more than 14 days ago");
        assertThat(decision(plan, amd64.id()).keptFor()).contains(KeepReason.WITH_ITS_UNIT);
    }

    /** An image of the shared 8 MiB base and 2 MiB dependency layers and 64 KiB of its own. */
    private static Artifacts image(String seed, int age) {
        Map<String, Long> blobs = new java.util.HashMap<>(BASE);
        blobs.put("sha256:own-" + seed, 65_536L);
        return anImage(seed).tagged(seed).pushedDaysAgo(60 - age).structure(new Structure(ArtifactKind.IMAGE,
                Optional.empty(), Optional.empty(), Set.of(), blobs, true));
    }

    /** A cosign signature in cosign's tag scheme, {@code sha256-<hex>.sig}. */
    private static Artifact signature(String subjectSeed) {
        String subject = digest(subjectSeed);
        String tag = subject.replace(':', '-') + ".sig";
        return anImage("sig-" + subjectSeed).tagged(tag).pushedDaysAgo(0).structure(new Structure(
                ArtifactKind.SIGNATURE, Optional.of("application/vnd.oci.image.config.v1+json"), Optional.of(subject),
                Set.of(), Map.of("sha256:sig-" + subjectSeed, 1_187L), true)).build();
    }

    private static ArtifactId sig(String subjectSeed) {
        return id("team/app", "sig-" + subjectSeed);
    }

    private static Decision decision(RetentionPlan plan, ArtifactId id) {
        return plan.repositories().stream()
                .flatMap(repository -> java.util.stream.Stream.concat(repository.kept().stream(),
                        repository.deleted().stream()))
                .filter(decision -> decision.artifact().id().equals(id)).findFirst().orElseThrow();
    }
}

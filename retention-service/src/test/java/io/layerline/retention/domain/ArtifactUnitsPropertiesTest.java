package io.layerline.retention.domain;

import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.ArtifactKind;
import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.inventory.Structure;
import io.layerline.retention.domain.plan.Planner;
import io.layerline.retention.domain.plan.ProtectionFacts;
import io.layerline.retention.domain.plan.RetentionPlan;
import io.layerline.retention.domain.policy.RetentionPolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static io.layerline.retention.domain.Artifacts.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of plans over random registries: images sharing blobs across two repositories, multi-arch indexes with
 * untagged children (some shared by two indexes), and signatures, attestations and SBOMs — by cosign's tag scheme
 * or by an OCI {@code subject}, some of them referring to other referrers.
 */
class ArtifactUnitsPropertiesTest {

    private static final RetentionPolicy DEFAULTS = RetentionPolicy.defaults("default", "**", "**");

    @Property(tries = 300)
    void noKeptArtifactLosesABlobAReferrerOrAChild(@ForAll("registries") List<Artifact> registry) {
        RetentionPlan plan = plan(registry);
        Set<ArtifactId> deleted = deleted(plan);

        for (Artifact artifact : registry) {
            if (deleted.contains(artifact.id())) {
                continue;
            }
            for (Artifact other : registry) {
                boolean refersToIt = other.id().repositoryId().equals(artifact.id().repositoryId())
                        && other.structure().subject().equals(Optional.of(artifact.id().digest()));
                assertThat(refersToIt && deleted.contains(other.id()))
                        .as("referrer %s of kept %s", other.id(), artifact.id()).isFalse();
            }
            for (String child : artifact.structure().children()) {
                assertThat(deleted).as("child of kept %s", artifact.id())
                        .doesNotContain(new ArtifactId(artifact.id().registry(), artifact.id().repository(), child));
            }
        }
        Set<String> keptBlobs = blobsOf(registry.stream().filter(artifact -> !deleted.contains(artifact.id())).toList());
        Set<String> deletedBlobs = blobsOf(registry.stream().filter(artifact -> deleted.contains(artifact.id()))
                .toList());
        long freedIndependently = deletedBlobs.stream().filter(blob -> !keptBlobs.contains(blob))
                .mapToLong(ArtifactUnitsPropertiesTest::sizeOf).sum();
        assertThat(plan.bytesToReclaim()).isEqualTo(freedIndependently);
        assertThat(plan.bytesToReclaim()).isLessThanOrEqualTo(deletedBlobs.stream()
                .mapToLong(ArtifactUnitsPropertiesTest::sizeOf).sum());
    }

    @Property(tries = 200)
    void aSecondPlanDeletesNothingAndOrderDoesNotMatter(@ForAll("registries") List<Artifact> registry,
                                                        @ForAll long seed) {
        RetentionPlan first = plan(registry);
        Set<ArtifactId> deleted = deleted(first);
        List<Artifact> remaining = registry.stream().filter(artifact -> !deleted.contains(artifact.id())).toList();
        assertThat(plan(remaining).deletions()).isEmpty();

        List<Artifact> shuffled = new ArrayList<>(registry);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(plan(shuffled)).isEqualTo(first);
    }

    @Property(tries = 200)
    void referrersAreDeletedBeforeTheirSubjectAndIndexesBeforeTheirChildren(
            @ForAll("registries") List<Artifact> registry) {
        RetentionPlan plan = plan(registry);
        List<ArtifactId> order = plan.deletions().stream().map(Artifact::id).toList();
        for (Artifact artifact : plan.deletions()) {
            artifact.structure().subject().map(subject -> new ArtifactId(artifact.id().registry(),
                    artifact.id().repository(), subject)).filter(order::contains).ifPresent(subject ->
                    assertThat(order.indexOf(artifact.id())).as("%s before its subject", artifact.id())
                            .isLessThan(order.indexOf(subject)));
            for (String child : artifact.structure().children()) {
                ArtifactId childId = new ArtifactId(artifact.id().registry(), artifact.id().repository(), child);
                if (order.contains(childId) && byDigest(registry, childId).tags().isEmpty()) {
                    assertThat(order.indexOf(artifact.id())).as("index %s before its child", artifact.id())
                            .isLessThan(order.indexOf(childId));
                }
            }
        }
    }

    private static RetentionPlan plan(List<Artifact> inventory) {
        return Planner.plan(inventory, (RepositoryId repository) -> Optional.of(DEFAULTS), ProtectionFacts.NONE, NOW);
    }

    private static Set<ArtifactId> deleted(RetentionPlan plan) {
        return plan.deletions().stream().map(Artifact::id).collect(Collectors.toSet());
    }

    private static Artifact byDigest(List<Artifact> registry, ArtifactId id) {
        return registry.stream().filter(artifact -> artifact.id().equals(id)).findFirst().orElseThrow();
    }

    /** The blobs the manifests of the artifacts name (an index's children are artifacts of their own). */
    private static Set<String> blobsOf(List<Artifact> artifacts) {
        Set<String> blobs = new HashSet<>();
        for (Artifact artifact : artifacts) {
            blobs.addAll(artifact.structure().blobs().keySet());
        }
        return blobs;
    }

    /** Blob sizes are part of their names here, so that shared blobs have one size. */
    private static long sizeOf(String blob) {
        return Long.parseLong(blob.substring(blob.lastIndexOf('-') + 1));
    }

    @Provide
    Arbitrary<List<Artifact>> registries() {
        return Arbitraries.longs().map(ArtifactUnitsPropertiesTest::registry);
    }

    /** A registry drawn from one seed, so that a failing case prints the seed that rebuilds it. */
    static List<Artifact> registry(long seed) {
        Random random = new Random(seed);
        List<String> sharedBlobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sharedBlobs.add("sha256:shared" + i + "-" + (1 + random.nextInt(10_000)));
        }
        List<Artifact> artifacts = new ArrayList<>();
        int counter = 0;
        for (String repository : List.of("team/a", "team/b")) {
            List<String> subjects = new ArrayList<>();
            List<String> children = new ArrayList<>();
            int images = random.nextInt(9);
            for (int i = 0; i < images; i++) {
                String seedName = repository + "-img" + counter++;
                Map<String, Long> blobs = new HashMap<>();
                for (String blob : sharedBlobs) {
                    if (random.nextInt(3) == 0) {
                        blobs.put(blob, sizeOf(blob));
                    }
                }
                String own = "sha256:own" + counter + "-" + (1 + random.nextInt(1_000));
                blobs.put(own, sizeOf(own));
                boolean untaggedChild = random.nextInt(3) == 0;
                Artifacts image = Artifacts.anImage(seedName).in(repository).pushedDaysAgo(random.nextInt(40))
                        .structure(new Structure(ArtifactKind.IMAGE, Optional.empty(), Optional.empty(), Set.of(),
                                blobs, true));
                if (!untaggedChild) {
                    image.tagged("v" + counter);
                    if (random.nextBoolean()) {
                        image.deployedMinutesAgo(random.nextInt(100_000));
                    }
                    if (random.nextInt(6) == 0) {
                        image.runningIn("prod");
                    }
                }
                Artifact built = image.build();
                artifacts.add(built);
                (untaggedChild ? children : subjects).add(built.id().digest());
            }
            int indexes = children.isEmpty() ? 0 : 1 + random.nextInt(2);
            for (int i = 0; i < indexes; i++) {
                Set<String> named = new HashSet<>();
                for (String child : children) {
                    if (random.nextBoolean()) {
                        named.add(child);
                    }
                }
                named.add(children.get(random.nextInt(children.size())));
                Artifacts index = Artifacts.anImage(repository + "-index" + counter++).in(repository)
                        .tagged("multi" + counter).pushedDaysAgo(random.nextInt(40))
                        .structure(new Structure(ArtifactKind.INDEX, Optional.empty(), Optional.empty(), named,
                                Map.of(), true));
                if (random.nextBoolean()) {
                    index.deployedMinutesAgo(random.nextInt(100_000));
                }
                Artifact built = index.build();
                artifacts.add(built);
                subjects.add(built.id().digest());
            }
            int referrers = subjects.isEmpty() ? 0 : random.nextInt(6);
            for (int i = 0; i < referrers; i++) {
                String subject = subjects.get(random.nextInt(subjects.size()));
                ArtifactKind kind = List.of(ArtifactKind.SIGNATURE, ArtifactKind.ATTESTATION, ArtifactKind.SBOM)
                        .get(random.nextInt(3));
                String blob = "sha256:ref" + counter + "-" + (1 + random.nextInt(2_000));
                Artifacts referrer = Artifacts.anImage(repository + "-ref" + counter++).in(repository)
                        .pushedDaysAgo(random.nextInt(40))
                        .structure(new Structure(kind, Optional.empty(), Optional.of(subject), Set.of(),
                                Map.of(blob, sizeOf(blob)), true));
                if (random.nextBoolean()) {
                    referrer.tagged(subject.replace(':', '-') + "." + switch (kind) {
                        case SIGNATURE -> "sig";
                        case ATTESTATION -> "att";
                        default -> "sbom";
                    });
                }
                Artifact built = referrer.build();
                artifacts.add(built);
                if (random.nextInt(4) == 0) {
                    subjects.add(built.id().digest());
                }
            }
        }
        return artifacts;
    }
}

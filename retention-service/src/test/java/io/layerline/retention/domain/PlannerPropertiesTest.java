package io.layerline.retention.domain;

import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.plan.Planner;
import io.layerline.retention.domain.plan.ProtectionFacts;
import io.layerline.retention.domain.plan.RepositoryPlan;
import io.layerline.retention.domain.plan.RetentionPlan;
import io.layerline.retention.domain.policy.KeepNewestUsed;
import io.layerline.retention.domain.policy.LabelClass;
import io.layerline.retention.domain.policy.RetentionPolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
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

/** Invariants of retention plans over random inventories. */
class PlannerPropertiesTest {

    private static final RetentionPolicy DEFAULTS = RetentionPolicy.defaults("default", "**", "**");

    /** A random inventory with random protections. */
    record Scenario(List<Artifact> inventory, ProtectionFacts facts) {
    }

    @Property(tries = 300)
    void aProtectedArtifactIsNeverInAPlan(@ForAll("scenarios") Scenario scenario) {
        RetentionPlan plan = plan(scenario.inventory(), scenario.facts());

        Set<ArtifactId> deleted = plan.deletions().stream().map(Artifact::id).collect(Collectors.toSet());
        for (Artifact artifact : scenario.inventory()) {
            boolean isProtected = !artifact.runningIn().isEmpty() || artifact.immutable()
                    || scenario.facts().rollbackSets().contains(artifact.id())
                    || scenario.facts().held().contains(artifact.id())
                    || scenario.facts().unknown().contains(artifact.id());
            if (isProtected) {
                assertThat(deleted).doesNotContain(artifact.id());
            }
        }
        Set<ArtifactId> kept = scenario.inventory().stream().map(Artifact::id)
                .filter(id -> !deleted.contains(id)).collect(Collectors.toSet());
        scenario.facts().basesOf().forEach((child, bases) -> {
            if (kept.contains(child)) {
                bases.stream().filter(base -> scenario.inventory().stream().anyMatch(a -> a.id().equals(base)))
                        .forEach(base -> assertThat(deleted).as("base %s of kept %s", base, child).doesNotContain(base));
            }
        });
    }

    @Property(tries = 300)
    void eachLabelClassKeepsExactlyMinOfItsQuotaAndWhatIsAvailable(@ForAll("scenarios") Scenario scenario) {
        RetentionPlan plan = plan(scenario.inventory(), scenario.facts());

        for (RepositoryPlan repository : plan.repositories()) {
            List<Artifact> all = scenario.inventory().stream()
                    .filter(artifact -> artifact.id().repositoryId().equals(repository.repository())).toList();
            for (var rule : DEFAULTS.rules()) {
                if (!(rule instanceof KeepNewestUsed newest)) {
                    continue;
                }
                long available = all.stream().filter(Artifact::used)
                        .filter(artifact -> LabelClass.of(artifact.labels()) == newest.labelClass()).count();
                long keptByRule = repository.kept().stream()
                        .filter(decision -> decision.keptBy().contains(newest.describe())).count();
                assertThat(keptByRule).as("%s in %s", newest.describe(), repository.repository())
                        .isEqualTo(Math.min(newest.count(), available));
            }
        }
    }

    @Property(tries = 200)
    void thePlanDoesNotDependOnInputOrder(@ForAll("scenarios") Scenario scenario, @ForAll long seed) {
        List<Artifact> shuffled = new ArrayList<>(scenario.inventory());
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(plan(shuffled, scenario.facts())).isEqualTo(plan(scenario.inventory(), scenario.facts()));
    }

    @Property(tries = 200)
    void applyingAPlanTwiceDeletesNothingTheSecondTime(@ForAll("scenarios") Scenario scenario) {
        RetentionPlan first = plan(scenario.inventory(), scenario.facts());
        Set<ArtifactId> deleted = first.deletions().stream().map(Artifact::id).collect(Collectors.toSet());
        List<Artifact> remaining = scenario.inventory().stream()
                .filter(artifact -> !deleted.contains(artifact.id())).toList();

        assertThat(plan(remaining, scenario.facts()).deletions()).isEmpty();
    }

    private static RetentionPlan plan(List<Artifact> inventory, ProtectionFacts facts) {
        return Planner.plan(inventory, (RepositoryId repository) -> Optional.of(DEFAULTS), facts, NOW);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Artifact> artifact = Combinators.combine(
                Arbitraries.of("team/a", "team/b", "base/os"),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.of(Set.<String>of(), Set.of("maybe_prod"), Set.of("prod"), Set.of("maybe_prod", "prod")),
                Arbitraries.integers().between(0, 60).injectNull(0.3),
                Arbitraries.integers().between(0, 90),
                Arbitraries.of(Set.<String>of(), Set.of("prod"), Set.of("dev", "prod_test")),
                Arbitraries.integers().between(0, 20))
                .as((repository, seed, labels, deployedDaysAgo, pushedDaysAgo, running, flags) -> {
                    Artifacts image = Artifacts.anImage("x" + seed).in(repository).pushedDaysAgo(pushedDaysAgo)
                            .labelled(labels.toArray(String[]::new));
                    if (deployedDaysAgo != null) {
                        image.deployedMinutesAgo(deployedDaysAgo * 1440L + seed % 1440);
                    }
                    if (flags == 0 && !running.isEmpty()) {
                        image.runningIn(running.iterator().next());
                    }
                    if (flags == 1) {
                        image.immutable();
                    }
                    return image.build();
                });
        return artifact.list().ofMaxSize(60).uniqueElements(a -> a.id())
                .flatMap(inventory -> facts(inventory).map(facts -> new Scenario(inventory, facts)));
    }

    private static Arbitrary<ProtectionFacts> facts(List<Artifact> inventory) {
        if (inventory.isEmpty()) {
            return Arbitraries.just(ProtectionFacts.NONE);
        }
        Arbitrary<ArtifactId> anyId = Arbitraries.of(inventory).map(Artifact::id);
        Arbitrary<Set<ArtifactId>> someIds = anyId.set().ofMaxSize(Math.max(1, inventory.size() / 5));
        Arbitrary<Map<ArtifactId, Set<ArtifactId>>> bases = Combinators.combine(anyId, anyId).as(List::of)
                .list().ofMaxSize(inventory.size())
                .map(pairs -> {
                    Map<ArtifactId, Set<ArtifactId>> basesOf = new HashMap<>();
                    for (List<ArtifactId> pair : pairs) {
                        if (!pair.get(0).equals(pair.get(1))) {
                            basesOf.computeIfAbsent(pair.get(0), id -> new HashSet<>()).add(pair.get(1));
                        }
                    }
                    return basesOf;
                });
        return Combinators.combine(someIds, someIds, bases, someIds).as(ProtectionFacts::new);
    }

}

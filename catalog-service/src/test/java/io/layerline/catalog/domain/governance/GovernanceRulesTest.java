package io.layerline.catalog.domain.governance;

import io.layerline.catalog.domain.governance.RepositoryFacts.Staleness;
import io.layerline.catalog.domain.graph.RepositoryPattern;
import io.layerline.catalog.domain.graph.Tier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GovernanceRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");
    private final GovernanceRules rules = new GovernanceRules(
            Map.of(Tier.APP, List.of(new RepositoryPattern("h.example.com/tooling/*"))), Duration.ofDays(14), 3, 30, 1);

    private static RepositoryFacts app(String owner, String base, Tier baseTier, Staleness staleness, int layers) {
        return new RepositoryFacts("h.example.com/team/app", Tier.APP, owner, layers, base + ":1", base, baseTier,
                staleness, false, false, null, Set.of());
    }

    @Test
    void aWellKeptImageBreaksNoRule() {
        assertThat(rules.check(app("payments", "h.example.com/tooling/java", Tier.TOOLING, null, 12), NOW)).isEmpty();
    }

    @Test
    void findsAMissingOwnerANonStandardBaseAndTooManyLayers() {
        List<Violation> violations = rules.check(app(" ", "docker.io/library/ubuntu", Tier.OS, null, 31), NOW);

        assertThat(violations).extracting(Violation::kind).containsExactlyInAnyOrder(
                Violation.Kind.NO_OWNER, Violation.Kind.NON_STANDARD_BASE, Violation.Kind.TOO_MANY_LAYERS);
    }

    @Test
    void aBaseIsStaleAfterEnoughDaysOrEnoughNewDigests() {
        String base = "h.example.com/tooling/java";
        assertThat(rules.check(app("t", base, Tier.TOOLING, new Staleness(1, NOW.minus(Duration.ofDays(3))), 5), NOW))
                .isEmpty();
        assertThat(rules.check(app("t", base, Tier.TOOLING, new Staleness(1, NOW.minus(Duration.ofDays(15))), 5), NOW))
                .extracting(Violation::kind).containsExactly(Violation.Kind.STALE_BASE);
        assertThat(rules.check(app("t", base, Tier.TOOLING, new Staleness(3, NOW.minus(Duration.ofHours(1))), 5), NOW))
                .extracting(Violation::kind).containsExactly(Violation.Kind.STALE_BASE);
    }

    @Test
    void reportsWhereTheGraphContradictsTheTiers() {
        RepositoryFacts appAsBase = new RepositoryFacts("h/team/lib", Tier.APP, "t", 3, null, null, null, null, true,
                false, null, Set.of());
        RepositoryFacts runtimeOnApp = new RepositoryFacts("h/runtime/jre", Tier.RUNTIME, "t", 3, "h/team/lib:1",
                "h/team/lib", Tier.APP, null, false, false, null, Set.of());
        RepositoryFacts runtimeOnTooling = new RepositoryFacts("h/runtime/jre", Tier.RUNTIME, "t", 3, "h/tool/x:1",
                "h/tool/x", Tier.TOOLING, null, false, true, null, Set.of());
        RepositoryFacts appOnApp = new RepositoryFacts("h/team/web", Tier.APP, "t", 3, "h/team/lib:1",
                "h/team/lib", Tier.APP, null, false, false, null, Set.of());

        assertThat(rules.check(appAsBase, NOW)).extracting(Violation::kind)
                .containsExactly(Violation.Kind.APP_USED_AS_BASE);
        assertThat(rules.check(runtimeOnApp, NOW)).extracting(Violation::kind)
                .containsExactly(Violation.Kind.TIER_INVERSION);
        assertThat(rules.check(runtimeOnTooling, NOW)).extracting(Violation::kind)
                .containsExactlyInAnyOrder(Violation.Kind.TIER_INVERSION, Violation.Kind.CYCLE);
        assertThat(rules.check(appOnApp, NOW)).extracting(Violation::kind)
                .containsExactly(Violation.Kind.NON_STANDARD_BASE);
    }

    @Test
    void twoRuntimesOfOneKindAreDuplicates() {
        RepositoryFacts temurin = new RepositoryFacts("h/runtime/temurin17", Tier.RUNTIME, "platform", 5,
                "h/os/debian:12", "h/os/debian", Tier.OS, null, true, false, "jdk-17",
                Set.of("h/runtime/temurin17", "h/runtime/corretto17"));
        RepositoryFacts alone = new RepositoryFacts("h/runtime/node20", Tier.RUNTIME, "platform", 5,
                "h/os/debian:12", "h/os/debian", Tier.OS, null, true, false, "node-20", Set.of("h/runtime/node20"));

        assertThat(rules.check(temurin, NOW)).singleElement().satisfies(violation -> {
            assertThat(violation.kind()).isEqualTo(Violation.Kind.DUPLICATE_BASE);
            assertThat(violation.detail()).isEqualTo("one of 2 jdk-17 runtime bases (h/runtime/corretto17, "
                    + "h/runtime/temurin17), at most 1");
        });
        assertThat(rules.check(alone, NOW)).isEmpty();
    }
}

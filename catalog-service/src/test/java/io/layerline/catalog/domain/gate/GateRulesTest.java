package io.layerline.catalog.domain.gate;

import io.layerline.catalog.domain.governance.RepositoryFacts;
import io.layerline.catalog.domain.graph.RepositoryPattern;
import io.layerline.catalog.domain.graph.Tier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule on its own: when it holds, when it is broken and what it says, and that modes decide the outcome. */
class GateRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    private static ImageFacts.Base base(String reference, String registry) {
        return new ImageFacts.Base(reference, registry, true);
    }

    /** An application of team payments on a Temurin 17 runtime, scanned clean, that succeeded in prod_test. */
    private static ImageFacts app() {
        return new ImageFacts("harbor.example.com/payments/api:1.4", false, "harbor.example.com", "payments/api",
                DIGEST, Tier.APP, "payments", 12,
                List.of(base("harbor.example.com/runtime/temurin17:17", "harbor.example.com")),
                "harbor.example.com/runtime/temurin17", null, new ImageFacts.Scan(0, 2, NOW.minusSeconds(60)),
                Set.of("dev", "prod_test"), "jdk-17", Set.of("harbor.example.com/runtime/temurin17"));
    }

    private static ImageFacts unknown() {
        return new ImageFacts("docker.io/library/nginx:latest", false, "docker.io", "library/nginx", null, null, null,
                null, List.of(), null, null, null, Set.of(), null, Set.of());
    }

    private static ImageFacts with(ImageFacts facts, Integer layers, ImageFacts.Scan scan, Set<String> succeededIn) {
        return new ImageFacts(facts.reference(), false, facts.registry(), facts.repository(), facts.digest(),
                facts.tier(), facts.owner(), layers, facts.bases(), facts.finalBase(), facts.staleness(), scan,
                succeededIn, facts.baseKind(), facts.sameKindBases());
    }

    @Test
    void anImageTheCatalogDoesNotKnowBreaksOnlyKnownImage() {
        assertThat(new GateRule.KnownImage().breach(app(), "prod", NOW)).isEmpty();
        assertThat(new GateRule.KnownImage().breach(unknown(), "prod", NOW))
                .contains("the catalog does not know docker.io/library/nginx:latest");
        List<GateRule> others = List.of(new GateRule.StandardBase(Map.of(Tier.APP,
                        List.of(new RepositoryPattern("x/**")))), new GateRule.BasesPerKind(0),
                new GateRule.FreshBase(Duration.ZERO, 0), new GateRule.LayerLimit(0),
                new GateRule.CriticalVulnerabilities(0));
        assertThat(others).allSatisfy(rule -> assertThat(rule.breach(unknown(), "prod", NOW)).isEmpty());
    }

    @Test
    void standardBaseTakesTheTiersPatternsByReferenceOrRepository() {
        GateRule.StandardBase byRepository = new GateRule.StandardBase(Map.of(Tier.APP,
                List.of(new RepositoryPattern("harbor.example.com/runtime/*"))));
        GateRule.StandardBase elsewhere = new GateRule.StandardBase(Map.of(Tier.APP,
                List.of(new RepositoryPattern("harbor.example.com/tooling/*"))));
        GateRule.StandardBase otherTier = new GateRule.StandardBase(Map.of(Tier.RUNTIME,
                List.of(new RepositoryPattern("harbor.example.com/os/*"))));

        assertThat(byRepository.breach(app(), "prod", NOW)).isEmpty();
        assertThat(otherTier.breach(app(), "prod", NOW)).as("no standard for apps: any base").isEmpty();
        assertThat(elsewhere.breach(app(), "prod", NOW))
                .contains("base harbor.example.com/runtime/temurin17:17 is not a standard app base");
    }

    @Test
    void allowedRegistriesLooksAtTheImageAndEveryBase() {
        GateRule.AllowedRegistries harbor = new GateRule.AllowedRegistries(
                List.of(new RepositoryPattern("harbor.example.com")));
        ImageFacts dockerHubBase = new ImageFacts(app().reference(), false, app().registry(), app().repository(),
                DIGEST, Tier.APP, "payments", 3, List.of(new ImageFacts.Base("golang:1.22", "docker.io", false),
                base("harbor.example.com/runtime/temurin17:17", "harbor.example.com")), null, null, null, Set.of(),
                null, Set.of());

        assertThat(harbor.breach(app(), "prod", NOW)).isEmpty();
        assertThat(harbor.breach(dockerHubBase, "prod", NOW))
                .contains("from a registry that is not allowed: docker.io");
        assertThat(new GateRule.AllowedRegistries(List.of()).breach(dockerHubBase, "prod", NOW))
                .as("none configured: any").isEmpty();
    }

    @Test
    void basesPerKindCountsTheStandardBasesOfTheFinalBasesKind() {
        ImageFacts twoJdk17 = new ImageFacts(app().reference(), false, app().registry(), app().repository(), DIGEST,
                Tier.APP, "payments", 3, app().bases(), app().finalBase(), null, null, Set.of(), "jdk-17",
                Set.of("harbor.example.com/runtime/temurin17", "harbor.example.com/runtime/corretto17"));

        assertThat(new GateRule.BasesPerKind(1).breach(app(), "prod", NOW)).isEmpty();
        assertThat(new GateRule.BasesPerKind(1).breach(twoJdk17, "prod", NOW)).contains("2 jdk-17 bases "
                + "(harbor.example.com/runtime/corretto17, harbor.example.com/runtime/temurin17), at most 1 of a kind");
        assertThat(new GateRule.BasesPerKind(2).breach(twoJdk17, "prod", NOW)).isEmpty();
    }

    @Test
    void freshBaseByAgeOrByDigestsBehind() {
        GateRule.FreshBase rule = new GateRule.FreshBase(Duration.ofDays(30), 3);
        ImageFacts recent = stale(new RepositoryFacts.Staleness(1, NOW.minus(Duration.ofDays(2))));
        ImageFacts old = stale(new RepositoryFacts.Staleness(1, NOW.minus(Duration.ofDays(31))));
        ImageFacts manyBehind = stale(new RepositoryFacts.Staleness(3, NOW.minus(Duration.ofDays(1))));

        assertThat(rule.breach(app(), "prod", NOW)).as("its base did not move").isEmpty();
        assertThat(rule.breach(recent, "prod", NOW)).isEmpty();
        assertThat(rule.breach(old, "prod", NOW).orElseThrow()).startsWith("its base moved on 1 digest(s) ago");
        assertThat(rule.breach(manyBehind, "prod", NOW).orElseThrow()).contains("3 digest(s)")
                .endsWith("rebuild it on the new base");
    }

    private static ImageFacts stale(RepositoryFacts.Staleness staleness) {
        ImageFacts facts = app();
        return new ImageFacts(facts.reference(), false, facts.registry(), facts.repository(), DIGEST, Tier.APP,
                "payments", 12, facts.bases(), facts.finalBase(), staleness, facts.scan(), facts.succeededIn(), null,
                Set.of());
    }

    @Test
    void layerLimit() {
        assertThat(new GateRule.LayerLimit(12).breach(app(), "prod", NOW)).isEmpty();
        assertThat(new GateRule.LayerLimit(11).breach(app(), "prod", NOW)).contains("12 layers, more than 11");
        assertThat(new GateRule.LayerLimit(1).breach(with(app(), null, app().scan(), Set.of()), "prod", NOW))
                .as("layers unknown (a pushed image)").isEmpty();
    }

    @Test
    void criticalVulnerabilitiesNeverReadsAMissingScanAsClean() {
        GateRule.CriticalVulnerabilities none = new GateRule.CriticalVulnerabilities(0);

        assertThat(none.breach(app(), "prod", NOW)).isEmpty();
        assertThat(none.breach(with(app(), 12, new ImageFacts.Scan(3, 0, NOW), Set.of()), "prod", NOW))
                .contains("3 critical vulnerabilities, more than 0");
        assertThat(none.breach(with(app(), 12, null, Set.of()), "prod", NOW))
                .contains("no vulnerability scan of " + DIGEST + " is recorded");
        assertThat(none.breach(with(app(), 12, new ImageFacts.Scan(null, null, NOW), Set.of()), "prod", NOW))
                .isPresent();
    }

    @Test
    void promotionPathBindsTheTargetEnvironmentOnly() {
        GateRule.PromotionPath path = new GateRule.PromotionPath("prod_test", "prod");
        ImageFacts onlyDev = with(app(), 12, app().scan(), Set.of("dev"));

        assertThat(path.breach(app(), "prod", NOW)).isEmpty();
        assertThat(path.breach(onlyDev, "prod", NOW))
                .contains("prod takes only digests that succeeded in prod_test, and " + DIGEST + " did not");
        assertThat(path.breach(onlyDev, "prod_test", NOW)).isEmpty();
        assertThat(path.breach(unknown(), "prod", NOW).orElseThrow()).contains("docker.io/library/nginx:latest");
    }

    @Test
    void modesDecideTheOutcomeAndTheWorstRuleTheVerdict() {
        ImageFacts heavy = with(app(), 60, app().scan(), Set.of("dev"));
        Gate gate = new Gate(List.of(ConfiguredRule.platform(new GateRule.LayerLimit(40), Mode.WARN),
                ConfiguredRule.platform(new GateRule.KnownImage(), Mode.ENFORCE)));

        GateVerdict warned = gate.evaluate(heavy, "prod_test", List.of(), NOW);
        assertThat(warned.outcome()).isEqualTo(Outcome.WARN);
        assertThat(warned.explain(Outcome.WARN)).isEqualTo("layer-limit: 60 layers, more than 40");

        ConfiguredRule paymentsPath = new ConfiguredRule(new GateRule.PromotionPath("prod_test", "prod"),
                Mode.ENFORCE, "payments", new RepositoryPattern("harbor.example.com/payments/**"));
        GateVerdict failed = gate.evaluate(heavy, "prod", List.of(paymentsPath), NOW);
        assertThat(failed.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(failed.with(Outcome.FAIL)).extracting(RuleVerdict::qualifiedName)
                .containsExactly("payments/promotion-path");

        ConfiguredRule someoneElses = new ConfiguredRule(new GateRule.LayerLimit(1), Mode.ENFORCE, "search",
                new RepositoryPattern("**"));
        assertThat(gate.evaluate(app(), "prod", List.of(someoneElses), NOW).outcome())
                .as("a team's rule binds only the repositories it owns").isEqualTo(Outcome.PASS);
        Gate off = new Gate(List.of(ConfiguredRule.platform(new GateRule.LayerLimit(1), Mode.OFF)));
        assertThat(off.evaluate(heavy, "prod", List.of(), NOW).rules()).singleElement()
                .satisfies(rule -> assertThat(rule.reason()).isEqualTo("off"));
    }

    @Test
    void baseKindsByNameOrTag() {
        assertThat(BaseKinds.of("harbor.example.com/runtime/temurin17", List.of("17"))).contains("jdk-17");
        assertThat(BaseKinds.of("harbor.example.com/runtime/jdk", List.of("latest", "21-alpine"))).contains("jdk-21");
        assertThat(BaseKinds.of("harbor.example.com/runtime/openjdk-17", List.of())).contains("jdk-17");
        assertThat(BaseKinds.of("harbor.example.com/runtime/node20", List.of())).contains("node-20");
        assertThat(BaseKinds.of("harbor.example.com/runtime/python", List.of("3.12-slim"))).contains("python-3.12");
        assertThat(BaseKinds.of("harbor.example.com/runtime/golang", List.of("1.22"))).contains("go-1.22");
        assertThat(BaseKinds.of("harbor.example.com/os/debian", List.of("12"))).isEmpty();
        assertThat(BaseKinds.of("harbor.example.com/runtime/java-tools", List.of("2026"))).isEmpty();
    }
}

package io.layerline.catalog.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.contracts.cdevents.CdEvent;
import io.layerline.contracts.cdevents.CdEvents;
import io.layerline.contracts.v1.DeploymentFinished;
import io.layerline.contracts.v1.ImageRef;
import io.layerline.contracts.v1.ImageScanned;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.EventStream;
import io.layerline.testing.RawApi;
import io.layerline.testing.Tables;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gates over the real catalog: an application on a Temurin 17 runtime beside a second JDK 17 runtime (a Corretto
 * one, with an application of its own), evaluated
 * for prod before and after it succeeded in prod_test; real AdmissionReviews of a Pod (by tag, with an init container
 * from Docker Hub the catalog does not know) and of a Deployment (by digest), answered as the API server checks an
 * answer, audited and counted; a team's rule for the repositories it owns.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatesIT extends CatalogApiTest {

    private static final String UNKNOWN = "docker.io/library/busybox:1.36";

    private Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        properties = super.getProperties();
        return properties;
    }

    @Override
    Map<String, String> settings() {
        return Map.of(
                "layerline.catalog.governance.standard-bases", "app=" + tree.full("runtime/*"),
                "layerline.catalog.gates.allowed-registries", ImageTree.REGISTRY,
                "layerline.catalog.gates.modes", "known-image=enforce");
    }

    @BeforeAll
    void announceATree() {
        tree.build("os/debian", "12").build("runtime/temurin17", "17", "os/debian")
                .build("runtime/corretto17", "17", "os/debian").build("app/shop", "1.4", "runtime/temurin17")
                .build("app/billing", "2.0", "runtime/corretto17");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                api().json("/api/v1/repositories?q=" + tree.run()).path("items").size() == 5);
    }

    @Test
    void aDigestThatNeverSucceededInProdTestFailsForProdAndPassesWithWarningsOnceItDid() throws Exception {
        JsonNode before = evaluate(shop(), "prod");
        assertThat(before.path("outcome").asText()).isEqualTo("fail");
        assertThat(before.path("digest").asText()).isEqualTo(tree.digest("app/shop"));
        assertThat(rule(before, "promotion-path").path("outcome").asText()).isEqualTo("fail");
        // every JDK 17 runtime of the catalog counts, those other tests announced on this broker too
        assertThat(rule(before, "bases-per-kind").path("reason").asText()).matches("\\d+ jdk-17 bases \\(.*\\), "
                + "at most 1 of a kind").contains(tree.full("runtime/corretto17"), tree.full("runtime/temurin17"));
        assertThat(rule(before, "critical-vulnerabilities").path("outcome").asText()).isEqualTo("warn");
        assertThat(rule(before, "standard-base").path("outcome").asText()).isEqualTo("pass");
        assertThat(evaluate(shop(), "prod_test").path("outcome").asText()).as("no promotion path into prod_test")
                .isEqualTo("warn");

        succeededInProdTestAndScannedClean();
        JsonNode after = evaluate(tree.digest("app/shop"), "prod");
        assertThat(after.path("outcome").asText()).isEqualTo("warn");
        assertThat(after.path("message").asText()).startsWith("bases-per-kind: ").contains(" jdk-17 bases (");
        assertThat(rule(after, "promotion-path").path("outcome").asText()).isEqualTo("pass");
        assertThat(rule(after, "critical-vulnerabilities").path("outcome").asText()).isEqualTo("pass");

        RawApi.Answer asCdEvent = api().postJson("/api/v1/gates/evaluate?format=cdevent", "{\"image\": \""
                + shop() + "\", \"environment\": \"prod\"}");
        assertThat(asCdEvent.status()).as(asCdEvent.body()).isEqualTo(200);
        CdEvent event = new CdEvents(Set.of("dev.cdevents.testsuiterun.finished"))
                .read(asCdEvent.body().getBytes(StandardCharsets.UTF_8));
        assertThat(event.type()).isEqualTo("dev.cdevents.testsuiterun.finished.0.3.0");
        assertThat(event.subjectId()).isEqualTo(tree.full("app/shop") + "@" + tree.digest("app/shop"));
        assertThat(event.content().path("outcome").asText()).isEqualTo("success");
        assertThat(event.content().path("severity").asText()).isEqualTo("low");
        assertThat(event.content().path("environment").path("id").asText()).isEqualTo("prod");
        assertThat(event.content().path("reason").asText()).startsWith("bases-per-kind: ");

        RawApi.Answer refused = api().postJson("/api/v1/gates/evaluate", "{\"image\": \"not an image\", "
                + "\"environment\": \"Prod!\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"image\"").contains("\"field\":\"environment\"");
    }

    @Test
    void aBuildAsksAboutTheImageItIsAboutToBuildFromItsResolvedBases() {
        String image = tree.full("app/checkout") + ":1";
        RawApi.Answer onDockerHub = api().postJson("/api/v1/gates/evaluate", """
                {"image": "%s", "environment": "dev", "candidate": {"bases": [
                  {"reference": "golang:1.22", "digest": "sha256:%s", "finalStage": false},
                  {"reference": "eclipse-temurin:17", "digest": "sha256:%s", "finalStage": true}]}}"""
                .formatted(image, "1".repeat(64), "2".repeat(64)));
        assertThat(onDockerHub.status()).as(onDockerHub.body()).isEqualTo(200);
        assertThat(onDockerHub.json().path("outcome").asText()).isEqualTo("fail");
        assertThat(onDockerHub.json().path("message").asText())
                .contains("standard-base: base eclipse-temurin:17 is not a standard app base")
                .contains("allowed-registries: from a registry that is not allowed: docker.io");
        assertThat(rule(onDockerHub.json(), "known-image").path("outcome").asText()).isEqualTo("pass");
        assertThat(rule(onDockerHub.json(), "critical-vulnerabilities").path("outcome").asText())
                .as("scanned once pushed").isEqualTo("pass");

        JsonNode onTheStandardRuntime = evaluateCandidate(image, tree.full("runtime/temurin17") + ":17", "prod");
        assertThat(onTheStandardRuntime.path("outcome").asText()).as(onTheStandardRuntime.toString())
                .isEqualTo("warn");
        assertThat(rule(onTheStandardRuntime, "promotion-path").path("outcome").asText())
                .as("built, not deployed").isEqualTo("pass");

        RawApi.Answer byDigest = api().postJson("/api/v1/gates/evaluate", """
                {"image": "%s@sha256:%s", "environment": "dev", "candidate": {"bases": [{"finalStage": true}]}}"""
                .formatted(tree.full("app/checkout"), "3".repeat(64)));
        assertThat(byDigest.status()).isEqualTo(400);
        assertThat(byDigest.body()).contains("\"field\":\"image\"").contains("candidate.bases[0].reference");
    }

    private JsonNode evaluateCandidate(String image, String base, String environment) {
        RawApi.Answer answer = api().postJson("/api/v1/gates/evaluate", """
                {"image": "%s", "environment": "%s",
                 "candidate": {"bases": [{"reference": "%s", "finalStage": true}]}}"""
                .formatted(image, environment, base));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void aPodByTagWithAnUnknownInitImageIsDeniedNamingTheRuleAndAuditedAndCounted() throws Exception {
        String uid = UUID.randomUUID().toString();
        long started = System.nanoTime();
        JsonNode response = admit("pod-create.json", uid, shop(), UNKNOWN, "prod_test");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("gates: a Pod of two images admitted in %d ms%n", took.toMillis());
        assertThat(took).as("within Kubernetes' default 10 s").isLessThan(Duration.ofSeconds(10));

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(response.path("status").path("message").asText())
                .startsWith("Layerline's gate denies " + UNKNOWN + " (spec.initContainers[0]): ")
                .contains("known-image: the catalog does not know " + UNKNOWN)
                .contains("allowed-registries: from a registry that is not allowed: docker.io")
                .doesNotContain("spec.containers[0]");
        assertThat(response.path("warnings")).anySatisfy(warning -> assertThat(warning.asText())
                .startsWith(shop() + " (spec.containers[0]): "));

        JsonNode audit = api().json("/api/v1/gates/evaluations?limit=50").path("items");
        assertThat(audit).anySatisfy(row -> {
            assertThat(row.path("image").asText()).isEqualTo(UNKNOWN);
            assertThat(row.path("source").asText()).isEqualTo("admission");
            assertThat(row.path("environment").asText()).isEqualTo("prod_test");
            assertThat(row.path("outcome").asText()).isEqualTo("fail");
            assertThat(row.path("askedBy").asText()).isEqualTo("test-viewer for alice@example.com");
            assertThat(row.path("failed").toString()).contains("known-image", "allowed-registries");
        });
        assertThat(api().get("/prometheus").body())
                .containsPattern("layerline_gate_verdicts_total\\{.*outcome=\"fail\".*source=\"admission\".*} [1-9]")
                .containsPattern("layerline_gate_rule_breaches_total\\{.*rule=\"known-image\".*} [1-9]");
    }

    @Test
    void aDeploymentByDigestIsAllowedWithItsWarningsAndOtherOperationsPass() throws Exception {
        String image = tree.full("app/shop") + "@" + tree.digest("app/shop");
        String uid = UUID.randomUUID().toString();
        JsonNode response = admit("deployment-update.json", uid, image, null, "prod_test");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("status")).isFalse();
        assertThat(response.path("warnings").toString()).contains("bases-per-kind");

        String deletion = fixture("deployment-update.json").replace("${uid}", uid).replace("${image}", image)
                .replace("\"operation\": \"UPDATE\"", "\"operation\": \"DELETE\"");
        JsonNode deleted = review(deletion, "prod").path("response");
        assertThat(deleted.path("allowed").asBoolean()).isTrue();
        assertThat(deleted.path("uid").asText()).isEqualTo(uid);

        assertThat(api().postJson("/api/v1/gates/admission", "{\"kind\": \"Pod\"}").status()).isEqualTo(400);
        assertThat(api().postJson("/api/v1/gates/admission", "{\"apiVersion\": \"admission.k8s.io/v1\", "
                + "\"kind\": \"AdmissionReview\", \"request\": {}}").body()).contains("request.uid");
        assertThat(api().postJson("/api/v1/gates/admission?environment=PROD", fixture("pod-create.json")).status())
                .isEqualTo(400);
    }

    @Test
    void whenTheImagesCannotBeEvaluatedTheWebhookFailsClosed() throws Exception {
        Tables tables = Tables.of(properties::get, "catalog");
        tables.execute(List.of("ALTER TABLE catalog.gate_evaluation RENAME TO gate_evaluation_away"));
        JsonNode response;
        try {
            response = admit("pod-create.json", UUID.randomUUID().toString(), shop(), shop(), "dev");
        } finally {
            tables.execute(List.of("ALTER TABLE catalog.gate_evaluation_away RENAME TO gate_evaluation"));
        }
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText()).isEqualTo("Layerline could not evaluate the "
                + "images of this Pod (the catalog could not answer); denied: the gate fails closed");
        assertThat(admit("pod-create.json", UUID.randomUUID().toString(), shop(), shop(), "dev")
                .path("allowed").asBoolean()).as("and answers again once it can").isTrue();
    }

    @Test
    void aTeamsRuleBindsTheRepositoriesItOwnsAndOnlyItsMembersOrAnAdminSetIt() {
        String team = "shop-" + tree.run();
        String rule = """
                {"team": "%s", "repositories": "%s", "rule": "layer-limit", "mode": "enforce", "max": 0}"""
                .formatted(team, tree.full("app/**"));
        RawApi.Answer byAnOperator = api().as(ApiTokens.OPERATOR).postJson("/api/v1/gates/rules", rule);
        assertThat(byAnOperator.status()).isEqualTo(403);
        assertThat(byAnOperator.body()).contains("member of team " + team);
        RawApi.Answer invalid = api().postJson("/api/v1/gates/rules", rule.replace("\"max\": 0",
                "\"max\": -1").replace("layer-limit", "no-such-rule"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"field\":\"rule\"");

        RawApi.Answer added = api().postJson("/api/v1/gates/rules", rule);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(rule(evaluate(shop(), "dev"), "layer-limit").path("owner").isMissingNode()
                || rule(evaluate(shop(), "dev"), "layer-limit").path("owner").isNull())
                .as("not owned by the team yet: its rule does not bind").isTrue();

        assertThat(api().sendJson("PUT", "/api/v1/repositories/" + tree.full("app/shop") + "/metadata",
                "{\"ownerTeam\": \"" + team + "\"}").status()).isEqualTo(200);
        JsonNode owned = evaluate(shop(), "dev");
        assertThat(owned.path("outcome").asText()).isEqualTo("fail");
        assertThat(owned.path("message").asText()).isEqualTo(team + "/layer-limit: 1 layers, more than 0");
        assertThat(api().json("/api/v1/gates/rules").path("teams").toString()).contains(team);

        long id = added.json().path("id").asLong();
        assertThat(api().as(ApiTokens.OPERATOR).sendJson("DELETE", "/api/v1/gates/rules/" + id, null).status())
                .isEqualTo(403);
        assertThat(api().sendJson("DELETE", "/api/v1/gates/rules/" + id, null).status())
                .isEqualTo(204);
        assertThat(evaluate(shop(), "dev").path("outcome").asText()).isNotEqualTo("fail");
    }

    private String shop() {
        return tree.full("app/shop") + ":1.4";
    }

    private void succeededInProdTestAndScannedClean() {
        String digest = tree.digest("app/shop");
        ImageRef ref = new ImageRef(ImageTree.REGISTRY, tree.name("app/shop"), digest, "1.4");
        Instant now = Instant.now();
        try (EventStream events = EventStream.onTestBroker()) {
            events.publish(new DeploymentFinished("gate-" + tree.run(), "shop-" + tree.run(), "prod_test", ref,
                    DeploymentFinished.Kind.DEPLOYED, DeploymentFinished.Status.SUCCEEDED, "argocd", "eu-1", now,
                    now));
            events.publish(new ImageScanned(ImageTree.REGISTRY, tree.name("app/shop"), digest, "Trivy",
                    ImageScanned.ScanStatus.SUCCEEDED, ImageScanned.ScanType.VULNERABILITY, null, null,
                    new ImageScanned.Vulnerabilities(0, 1, 4, 2, 0, null), null, now));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode verdict = evaluate(digest, "prod");
            return rule(verdict, "promotion-path").path("outcome").asText().equals("pass")
                    && rule(verdict, "critical-vulnerabilities").path("outcome").asText().equals("pass");
        });
    }

    private JsonNode evaluate(String image, String environment) {
        RawApi.Answer answer = api().postJson("/api/v1/gates/evaluate", "{\"image\": \"" + image
                + "\", \"environment\": \"" + environment + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode rule(JsonNode verdict, String name) {
        List<JsonNode> rules = new ArrayList<>();
        verdict.path("rules").forEach(rules::add);
        return rules.stream().filter(rule -> rule.path("rule").asText().equals(name)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no rule " + name + " in " + verdict));
    }

    /** The fixture filled in and sent as the API server sends it; the answer checked as it checks one. */
    private JsonNode admit(String fixture, String uid, String image, String initImage, String environment)
            throws IOException {
        String body = fixture(fixture).replace("${uid}", uid).replace("${image}", image)
                .replace("${initImage}", initImage == null ? image : initImage);
        JsonNode review = review(body, environment);
        JsonNode response = review.path("response");
        assertThat(response.path("uid").asText()).isEqualTo(uid);
        assertThat(response.has("patch") || response.has("patchType")).as("a validating webhook patches nothing")
                .isFalse();
        return response;
    }

    private JsonNode review(String body, String environment) {
        RawApi.Answer answer = api().as(ApiTokens.VIEWER)
                .post("/api/v1/gates/admission?environment=" + environment, "application/json",
                        body.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode review = answer.json();
        assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
        return review;
    }

    private static String fixture(String name) {
        try (InputStream in = GatesIT.class.getResourceAsStream("/admission/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

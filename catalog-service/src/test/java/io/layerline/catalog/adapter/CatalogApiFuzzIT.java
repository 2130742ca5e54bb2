package io.layerline.catalog.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.testing.ApiFuzz;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.JsonFuzz;
import io.layerline.testing.RawApi;
import io.layerline.testing.Tables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile input for the catalog's API: mutated and garbage bodies for every PUT, PATCH and POST, and strange values
 * for every query parameter — 4xx (or 2xx for what is still valid), never 5xx, and nothing half-written.
 */
class CatalogApiFuzzIT {

    private static final ImageTree TREE = new ImageTree();
    private static ApplicationContext context;
    private static ApiFuzz fuzz;
    private static String cascade;

    @BeforeContainer
    static void startTheServiceWithAFewImages() {
        context = ApplicationContext.run(Map.<String, Object>copyOf(Infrastructure.serviceProperties()));
        URI base = context.getBean(EmbeddedServer.class).start().getURI();
        TREE.build("os/debian", "12").build("apps/shop", "1", "os/debian");
        RawApi api = new RawApi(base);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                api.json("/api/v1/repositories?q=" + TREE.run()).path("items").size() == 2);
        TREE.rebuild("os/debian");
        cascade = await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (JsonNode running : api.json("/api/v1/cascades?limit=200").path("items")) {
                if (running.path("base").asText().contains(TREE.run())) {
                    return running.path("id").asText();
                }
            }
            return null;
        }, java.util.Objects::nonNull);
        fuzz = new ApiFuzz("catalog-service", base,
                Tables.of(name -> context.getRequiredProperty(name, String.class), "catalog"));
    }

    @AfterContainer
    static void stop() {
        fuzz.report();
        context.close();
    }

    @Property(tries = 200)
    void metadataUpdatesNeverFail(@ForAll("metadataBodies") String body, @ForAll boolean patch) {
        String method = patch ? "PATCH" : "PUT";
        fuzz.expectNoServerError(method + " …/metadata", method, "/api/v1/repositories/" + TREE.full("apps/shop")
                + "/metadata", body);
        HttpResponse<String> detail = fuzz.expectNoServerError("GET /api/v1/repositories/{…}", "GET",
                "/api/v1/repositories/" + TREE.full("apps/shop"), null);
        assertThat(detail.statusCode()).as("the repository still reads after " + body).isEqualTo(200);
    }

    /**
     * Found by this fuzzer: arrays nested 2,204 deep overflowed the stack of the decoder that binds a metadata patch,
     * a 500; and a byte order mark before {@code {}} is JSON the service may read (RFC 8259), a 200.
     */
    @Example
    void aDeeplyNestedPatchIsRefusedAndAByteOrderMarkIsRead() {
        String path = "/api/v1/repositories/" + TREE.full("apps/shop") + "/metadata";
        HttpResponse<String> deep = fuzz.expectNoServerError("PATCH …/metadata", "PATCH", path,
                "[".repeat(2204) + "]".repeat(2204));
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(deep.body()).contains("nested deeper than 64");
        assertThat(fuzz.expectNoServerError("PATCH …/metadata", "PATCH", path, "\uFEFF{}").statusCode())
                .isEqualTo(200);
    }

    /** Mostly against the running cascade of the tree's base, so that a mutation can reach the write path. */
    @Property(tries = 100)
    void cascadeExclusionsNeverFail(@ForAll("exclusionBodies") String body, @ForAll("strange") String strangeId,
                                    @ForAll @net.jqwik.api.constraints.IntRange(max = 3) int pick) {
        String id = pick == 0 ? strangeId : cascade;
        fuzz.expectNoServerError("POST /api/v1/cascades/{…}/exclusions", "POST", "/api/v1/cascades/" + encode(id)
                + "/exclusions", body);
    }

    @Property(tries = 150)
    void gateEvaluationsAndTeamRulesNeverFail(@ForAll("evaluations") String evaluation, @ForAll("rules") String rule,
                                              @ForAll("strange") String strangeId) {
        fuzz.expectNoServerError("POST /api/v1/gates/evaluate", "POST", "/api/v1/gates/evaluate", evaluation);
        fuzz.expectNoServerError("POST /api/v1/gates/rules", "POST", "/api/v1/gates/rules", rule);
        fuzz.expectNoServerError("DELETE /api/v1/gates/rules/{…}", "DELETE", "/api/v1/gates/rules/"
                + encode(strangeId), null);
    }

    @Property(tries = 100)
    void admissionReviewsNeverFail(@ForAll("admissionReviews") String review, @ForAll("strange") String environment) {
        fuzz.expectNoServerError("POST /api/v1/gates/admission", "POST", "/api/v1/gates/admission", review);
        fuzz.expectNoServerError("POST /api/v1/gates/admission", "POST", "/api/v1/gates/admission?environment="
                + encode(environment), review);
    }

    @Property(tries = 300)
    void queriesNeverFail(@ForAll("queries") String query) {
        String path = query.substring(0, query.indexOf('?') < 0 ? query.length() : query.indexOf('?'));
        String[] segments = path.split("/");
        fuzz.expectNoServerError("GET " + (segments.length > 4 ? String.join("/", Arrays.copyOf(segments, 4))
                + "/{…}" : path), "GET", query, null);
    }

    @Provide
    Arbitrary<String> metadataBodies() {
        return Arbitraries.oneOf(JsonFuzz.mutationsOf("""
                {"ownerTeam": "payments", "tier": "app", "description": "the shop",
                 "docsUrl": "https://docs.example.com/shop", "contact": "#payments"}"""), JsonFuzz.garbage());
    }

    @Provide
    Arbitrary<String> exclusionBodies() {
        return Arbitraries.oneOf(JsonFuzz.mutationsOf("{\"repository\": \"" + TREE.full("apps/shop") + "\", "
                + "\"by\": \"alice\"}"), JsonFuzz.garbage());
    }

    @Provide
    Arbitrary<String> evaluations() {
        return Arbitraries.oneOf(JsonFuzz.mutationsOf("{\"image\": \"" + TREE.full("apps/shop") + ":1\", "
                + "\"environment\": \"prod\"}"), JsonFuzz.garbage());
    }

    @Provide
    Arbitrary<String> rules() {
        return Arbitraries.oneOf(JsonFuzz.mutationsOf("""
                {"team": "payments", "repositories": "harbor.example.com/payments/**", "rule": "standard-base",
                 "mode": "enforce", "patterns": ["harbor.example.com/runtime/*"], "max": 3, "days": 30}"""),
                JsonFuzz.garbage());
    }

    /** The Pod fixture the API server's review is derived from (see src/test/resources/admission), mutated. */
    @Provide
    Arbitrary<String> admissionReviews() {
        String pod;
        try (java.io.InputStream in = CatalogApiFuzzIT.class.getResourceAsStream("/admission/pod-create.json")) {
            pod = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${uid}", "7c1f")
                    .replace("${initImage}", "busybox:1.36").replace("${image}", TREE.full("apps/shop") + ":1");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return Arbitraries.oneOf(JsonFuzz.mutationsOf(pod), JsonFuzz.garbage());
    }

    @Provide
    Arbitrary<String> strange() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(80),
                Arbitraries.of("sha256:" + "0".repeat(64), "latest", "..", "%00", "a/b/c", "😀", "x".repeat(2000)));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> value = strange().map(CatalogApiFuzzIT::encode);
        return Arbitraries.oneOf(
                value.map(v -> "/api/v1/graph/lineage?digest=" + v),
                value.map(v -> "/api/v1/graph/descendants?digest=" + v),
                Combinators.combine(value, value, value).as((a, b, c) ->
                        "/api/v1/graph/impact?registry=" + a + "&repository=" + b + "&tag=" + c),
                value.map(v -> "/api/v1/graph/impact?digest=" + v),
                Combinators.combine(value, value).as((a, b) -> "/api/v1/graph/export?format=" + a + "&root=" + b),
                Combinators.combine(value, value, value, value).as((owner, tier, after, limit) ->
                        "/api/v1/repositories?owner=" + owner + "&tier=" + tier + "&after=" + after
                                + "&limit=" + limit + "&q=" + owner),
                value.map(v -> "/api/v1/repositories/" + v),
                value.map(v -> "/api/v1/images/" + v),
                Combinators.combine(value, value).as((commit, source) -> "/api/v1/images?commit=" + commit
                        + "&sourceRepository=" + source),
                Combinators.combine(value, value).as((kind, repository) -> "/api/v1/governance/violations?kind="
                        + kind + "&repository=" + repository),
                Combinators.combine(value, value, value).as((status, after, limit) -> "/api/v1/cascades?status="
                        + status + "&after=" + after + "&limit=" + limit),
                value.map(v -> "/api/v1/cascades/" + v),
                Combinators.combine(value, value).as((before, limit) -> "/api/v1/gates/evaluations?before=" + before
                        + "&limit=" + limit),
                value.map(v -> "/api/v1/gates/rules?x=" + v));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package io.layerline.retention.adapter;

import io.layerline.testing.ApiFuzz;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.JsonFuzz;
import io.layerline.testing.Tables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input for the retention-service's API: mutated and garbage holds and policies, strange identifiers and
 * query values — 4xx (or 2xx for what is still valid), never 5xx.
 */
class RetentionApiFuzzIT {

    private static final String POLICY = """
            {"id": "payments", "registry": "harbor.example.com", "repository": "payments/**", "priority": 200,
             "rules": [{"type": "keepNewestUsed", "label": "prod", "count": 20},
                       {"type": "keepYoungerThan", "days": 7},
                       {"type": "keepTagsMatching", "pattern": "v\\\\d+"},
                       {"type": "keepNeverDeployedYoungerThan", "days": 30}],
             "schedule": "0 3 * * *", "autoApply": false}""";

    private static ApplicationContext context;
    private static ApiFuzz fuzz;
    /** A stored plan (of an empty inventory), so that its filters reach the database. */
    private static String plan;

    @BeforeContainer
    static void startTheService() {
        context = ApplicationContext.run(Map.<String, Object>copyOf(Infrastructure.serviceProperties()));
        fuzz = new ApiFuzz("retention-service", context.getBean(EmbeddedServer.class).start().getURI(),
                Tables.of(name -> context.getRequiredProperty(name, String.class), "retention"));
        assertThat(fuzz.expectNoServerError("POST /api/v1/retention/policies", "POST", "/api/v1/retention/policies",
                POLICY).statusCode()).as("the policy the PUTs change").isEqualTo(201);
        HttpResponse<String> planned = fuzz.expectNoServerError("POST /api/v1/retention/plans", "POST",
                "/api/v1/retention/plans", null);
        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
        plan = planned.body().replaceFirst("^\\{\"id\":\"([^\"]+)\".*$", "$1");
    }

    @AfterContainer
    static void stopTheService() {
        fuzz.report();
        context.close();
    }

    @Property(tries = 200)
    void holdsNeverFail(@ForAll("holds") String body) {
        fuzz.expectNoServerError("POST /api/v1/holds", "POST", "/api/v1/holds", body);
    }

    @Property(tries = 250)
    void policiesNeverFail(@ForAll("policies") String body, @ForAll boolean update) {
        if (update) {
            fuzz.expectNoServerError("PUT /api/v1/retention/policies/{…}", "PUT", "/api/v1/retention/policies/payments",
                    body);
        } else {
            fuzz.expectNoServerError("POST /api/v1/retention/policies", "POST", "/api/v1/retention/policies", body);
        }
    }

    /** Found by this fuzzer: PostgreSQL refused the NUL with a 500 that carried its own words. */
    @Example
    void aNulInsideAPolicysRegistryIsRefusedNamingTheField() {
        HttpResponse<String> response = fuzz.expectNoServerError("POST /api/v1/retention/policies", "POST",
                "/api/v1/retention/policies",
                POLICY.replace("\"harbor.example.com\"", "\"harbor\\u0000.example.com\""));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"registry\"").doesNotContain("ERROR:", "portal");
    }

    @Property(tries = 150)
    void identifiersAndQueriesNeverFail(@ForAll("strange") String value) {
        String v = URLEncoder.encode(value, StandardCharsets.UTF_8);
        fuzz.expectNoServerError("DELETE /api/v1/holds", "DELETE", "/api/v1/holds?registry=" + v + "&repository="
                + v + "&digest=" + v, null);
        fuzz.expectNoServerError("GET /api/v1/holds", "GET", "/api/v1/holds?limit=" + v + "&offset=" + v, null);
        fuzz.expectNoServerError("GET /api/v1/retention/plans/{…}", "GET", "/api/v1/retention/plans/" + v, null);
        fuzz.expectNoServerError("GET /api/v1/retention/plans/{…}/items", "GET", "/api/v1/retention/plans/" + v
                + "/items?action=" + v + "&limit=" + v + "&offset=" + v, null);
        fuzz.expectNoServerError("POST /api/v1/retention/plans/{…}/apply", "POST", "/api/v1/retention/plans/" + v
                + "/apply", null);
        for (String action : List.of("pause", "resume")) {
            fuzz.expectNoServerError("POST /api/v1/retention/plans/{…}/" + action, "POST", "/api/v1/retention/plans/"
                    + v + "/" + action, null);
        }
        fuzz.expectNoServerError("GET /api/v1/retention/plans", "GET", "/api/v1/retention/plans?after=" + v
                + "&limit=" + v, null);
        for (String id : List.of(v, plan)) {
            for (String view : List.of("items", "groups")) {
                fuzz.expectNoServerError("GET /api/v1/retention/plans/{…}/" + view, "GET", "/api/v1/retention/plans/"
                        + id + "/" + view + "?registry=" + v + "&repository=" + v + "&q=" + v, null);
                fuzz.expectNoServerError("GET /api/v1/retention/plans/{…}/" + view, "GET", "/api/v1/retention/plans/"
                        + id + "/" + view + "?reason=" + v + "&labelClass=" + v, null);
            }
        }
        fuzz.expectNoServerError("GET /api/v1/retention/policies/{…}", "GET", "/api/v1/retention/policies/" + v,
                null);
        fuzz.expectNoServerError("DELETE /api/v1/retention/policies/{…}", "DELETE", "/api/v1/retention/policies/"
                + v, null);
    }

    @Provide
    Arbitrary<String> holds() {
        return Arbitraries.oneOf(JsonFuzz.mutationsOf("""
                {"registry": "harbor.example.com", "repository": "payments/checkout-api",
                 "digest": "sha256:0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427",
                 "reason": "audit"}"""), JsonFuzz.garbage());
    }

    @Provide
    Arbitrary<String> policies() {
        // A new id per try, unless the mutation changed it: a second create of one id is a 409 before any write.
        return Arbitraries.oneOf(JsonFuzz.mutationsOf(POLICY).map(body -> body.replace("\"payments\"",
                "\"payments-" + UUID.randomUUID() + "\"")), JsonFuzz.garbage());
    }

    @Provide
    Arbitrary<String> strange() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(80),
                Arbitraries.of("00000000-0000-0000-0000-000000000000", "..", "\u0000", "-1", "DELETE", "😀"));
    }
}

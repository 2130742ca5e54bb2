package io.layerline.promotion.adapter;

import io.layerline.testing.ApiFuzz;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.JsonFuzz;
import io.layerline.testing.Tables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Hostile input for the promotion-service's API: mutated and garbage deployments and CDEvents, strange query and
 * path values — 4xx (or 2xx for what is still valid), never 5xx.
 */
class PromotionApiFuzzIT {

    private static final String SAMPLE_ID = "271069a8-fc18-44f1-b38f-9d70a1695819";

    private static ApplicationContext context;
    private static ApiFuzz fuzz;

    @BeforeContainer
    static void startTheService() {
        context = ApplicationContext.run(Map.<String, Object>copyOf(Infrastructure.serviceProperties()));
        fuzz = new ApiFuzz("promotion-service", context.getBean(EmbeddedServer.class).start().getURI(),
                Tables.of(name -> context.getRequiredProperty(name, String.class), "promotion"));
    }

    @AfterContainer
    static void stopTheService() {
        fuzz.report();
        context.close();
    }

    @Property(tries = 250)
    void deploymentsNeverFail(@ForAll("deployments") String body) {
        fuzz.expectNoServerError("POST /api/v1/deployments", "POST", "/api/v1/deployments", body);
    }

    @Property(tries = 250)
    void cdEventsNeverFail(@ForAll("cdEvents") String body, @ForAll boolean structured) {
        fuzz.expectNoServerError("POST /api/v1/cdevents", "POST", "/api/v1/cdevents",
                structured ? "application/cloudevents+json" : "application/json", body, Map.of());
    }

    @Property(tries = 150)
    void queriesNeverFail(@ForAll("strange") String value) {
        String v = URLEncoder.encode(value, StandardCharsets.UTF_8);
        fuzz.expectNoServerError("GET /api/v1/environments/{…}/services", "GET", "/api/v1/environments/" + v
                + "/services", null);
        fuzz.expectNoServerError("GET /api/v1/services/{…}/deployments", "GET", "/api/v1/services/" + v
                + "/deployments?environment=" + v + "&limit=" + v + "&offset=" + v, null);
        fuzz.expectNoServerError("GET /api/v1/services/{…}/rollback-candidates", "GET", "/api/v1/services/" + v
                + "/rollback-candidates?environment=" + v + "&limit=" + v, null);
        fuzz.expectNoServerError("GET /api/v1/images", "GET", "/api/v1/images?registry=" + v + "&repository=" + v
                + "&digest=" + v + "&limit=" + v + "&offset=" + v, null);
        fuzz.expectNoServerError("GET /api/v1/labels/pending", "GET", "/api/v1/labels/pending?limit=" + v
                + "&offset=" + v, null);
        fuzz.expectNoServerError("GET /api/v1/deployments/{…}", "GET", "/api/v1/deployments/" + v, null);
    }

    @Provide
    Arbitrary<String> deployments() {
        return Arbitraries.oneOf(JsonFuzz.mutationsOf("""
                {"deploymentId": "argo-checkout-4711", "service": "checkout-api", "environment": "prod_test",
                 "image": {"registry": "harbor.example.com", "repository": "payments/checkout-api",
                           "digest": "sha256:0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427",
                           "tag": "1.4.2"},
                 "kind": "DEPLOYED", "status": "SUCCEEDED", "deployer": "argocd", "target": "eu-1",
                 "startedAt": "2026-11-25T10:00:00Z", "finishedAt": "2026-11-25T10:01:00Z"}"""), JsonFuzz.garbage());
    }

    @Provide
    Arbitrary<String> cdEvents() {
        // Another context id than the samples': what this test records reaches every later context on the broker.
        String id = UUID.randomUUID().toString();
        return Arbitraries.oneOf(JsonFuzz.mutationsOf(resource("service_deployed").replace(SAMPLE_ID, id)),
                JsonFuzz.mutationsOf(resource("service_rolledback").replace(SAMPLE_ID, id)), JsonFuzz.garbage());
    }

    @Provide
    Arbitrary<String> strange() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(80),
                Arbitraries.of("sha256:" + "0".repeat(64), "..", "\u0000", "-1", "99999999999", "😀", "prod"));
    }

    private static String resource(String name) {
        try (InputStream in = PromotionApiFuzzIT.class.getResourceAsStream("/cdevents/0.5.1/conformance/" + name
                + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
    }
}

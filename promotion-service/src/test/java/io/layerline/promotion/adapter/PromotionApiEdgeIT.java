package io.layerline.promotion.adapter;

import io.layerline.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promotion-service's edge: hostile text in any field of a deployment report or a CDEvent (plain or structured)
 * is a 400 naming the field, with nothing written; a database failure mid-request answers "internal error" and an
 * id, nothing of its cause.
 */
class PromotionApiEdgeIT {

    private static final String DEPLOYMENT = """
            {"deploymentId": "argo-checkout-%s", "service": "checkout-api", "environment": "prod_test",
             "image": {"registry": "harbor.example.com", "repository": "payments/checkout-api",
                       "digest": "sha256:0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427",
                       "tag": "1.4.2"},
             "kind": "DEPLOYED", "status": "SUCCEEDED", "deployer": "argocd", "target": "eu-1",
             "startedAt": "2026-11-25T10:00:00Z", "finishedAt": "2026-11-25T10:01:00Z"}""".formatted(UUID.randomUUID());

    @RegisterExtension
    static final RunningService SERVICE = RunningService.withSchema("promotion");

    @Test
    void hostileTextInAnyFieldOfADeploymentIsRefusedAndNothingIsWritten() {
        SERVICE.edge().refusesHostileTextInEveryField("POST", "/api/v1/deployments", "application/json", DEPLOYMENT,
                Map.of());
        SERVICE.edge().takesLongTextInEveryField("POST", "/api/v1/deployments", "application/json", DEPLOYMENT,
                Map.of());
    }

    @Test
    void hostileTextInAnyFieldOfACdEventIsRefusedAndNothingIsWritten() {
        // Another context id than the sample's: what this test records reaches every later context on the broker.
        String deployed = conformance("service_deployed").replace("271069a8-fc18-44f1-b38f-9d70a1695819",
                UUID.randomUUID().toString());
        SERVICE.edge().refusesHostileTextInEveryField("POST", "/api/v1/cdevents", "application/json", deployed,
                Map.of());
        SERVICE.edge().takesLongTextInEveryField("POST", "/api/v1/cdevents", "application/json", deployed, Map.of());
        SERVICE.edge().refusesHostileTextInEveryField("POST", "/api/v1/cdevents", "application/cloudevents+json", """
                {"specversion": "1.0", "id": "delivery-1", "source": "/argocd",
                 "type": "dev.cdevents.service.deployed.0.2.0",
                 "time": "2026-11-25T10:01:00Z", "datacontenttype": "application/json", "data": %s}"""
                .formatted(deployed), Map.of());
    }

    @Test
    void aDatabaseFailureAnswersWithoutItsCause() {
        String deployment = DEPLOYMENT.replace("argo-checkout-", "argo-checkout-failure-");
        SERVICE.edge().hidesAnInternalFailure("POST", "/api/v1/deployments", deployment,
                List.of("ALTER TABLE promotion.deployment RENAME TO deployment_away"),
                List.of("ALTER TABLE promotion.deployment_away RENAME TO deployment"));
        assertThat(SERVICE.edge().send("POST", "/api/v1/deployments", "application/json", deployment, Map.of())
                .statusCode()).as("the service works again once the table is back").isEqualTo(201);
    }

    private static String conformance(String name) {
        try (InputStream in = PromotionApiEdgeIT.class.getResourceAsStream("/cdevents/0.5.1/conformance/" + name
                + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
    }
}

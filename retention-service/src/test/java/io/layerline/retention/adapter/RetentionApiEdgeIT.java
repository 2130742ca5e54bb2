package io.layerline.retention.adapter;

import io.layerline.testing.ApiEdge;
import io.layerline.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention-service's edge: hostile text in any field of a hold or a policy is a 400 naming the field, with
 * nothing written; a database failure mid-request answers "internal error" and an id, nothing of its cause.
 */
class RetentionApiEdgeIT {

    private static final String HOLD = """
            {"registry": "harbor.example.com", "repository": "payments/checkout-api",
             "digest": "sha256:0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427", "reason": "audit"}""";
    static final String POLICY = """
            {"id": "payments", "registry": "harbor.example.com", "repository": "payments/**", "priority": 200,
             "rules": [{"type": "keepNewestUsed", "label": "prod", "count": 20},
                       {"type": "keepTagsMatching", "pattern": "v\\\\d+"}],
             "schedule": "0 3 * * *", "autoApply": false}""";

    @RegisterExtension
    static final RunningService SERVICE = RunningService.withSchema("retention");

    @Test
    void hostileTextInAnyFieldOfAHoldIsRefusedAndNothingIsWritten() {
        assertThat(SERVICE.edge().refusesHostileTextInEveryField("POST", "/api/v1/holds", "application/json", HOLD,
                Map.of()))
                .isEqualTo(4 * ApiEdge.HOSTILE.size());
        SERVICE.edge().takesLongTextInEveryField("POST", "/api/v1/holds", "application/json", HOLD, Map.of());
    }

    @Test
    void hostileTextInAnyFieldOfAPolicyIsRefusedAndNothingIsWritten() {
        SERVICE.edge().refusesHostileTextInEveryField("POST", "/api/v1/retention/policies", "application/json", POLICY,
                Map.of());
        SERVICE.edge().refusesHostileTextInEveryField("PUT", "/api/v1/retention/policies/payments", "application/json",
                POLICY, Map.of());
        SERVICE.edge().takesLongTextInEveryField("POST", "/api/v1/retention/policies", "application/json", POLICY,
                Map.of());
    }

    @Test
    void aDatabaseFailureAnswersWithoutItsCause() {
        String hold = HOLD.replace("0b31b1c0", "1c42c2d1");
        SERVICE.edge().hidesAnInternalFailure("POST", "/api/v1/holds", hold,
                List.of("ALTER TABLE retention.hold RENAME TO hold_away"),
                List.of("ALTER TABLE retention.hold_away RENAME TO hold"));
        assertThat(SERVICE.edge().send("POST", "/api/v1/holds", "application/json", hold, Map.of()).statusCode())
                .as("the service works again once the table is back").isEqualTo(201);
    }
}

package io.layerline.catalog.adapter;

import io.layerline.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

/**
 * The catalog-service's edge: hostile text in any field of a metadata change or a cascade exclusion is a 400 naming
 * the field, with nothing written; a database failure mid-request answers "internal error" and an id, nothing of its
 * cause.
 */
class CatalogApiEdgeIT {

    private static final String METADATA = """
            {"ownerTeam": "payments", "tier": "app", "description": "the shop",
             "docsUrl": "https://docs.example.com/shop", "contact": "#payments"}""";

    @RegisterExtension
    static final RunningService SERVICE = RunningService.withSchema("catalog");

    @Test
    void hostileTextInAnyFieldOfMetadataIsRefusedAndNothingIsWritten() {
        String path = "/api/v1/repositories/harbor.example.com/payments/shop/metadata";
        SERVICE.edge().refusesHostileTextInEveryField("PUT", path, "application/json", METADATA, Map.of());
        SERVICE.edge().refusesHostileTextInEveryField("PATCH", path, "application/merge-patch+json", METADATA,
                Map.of());
        SERVICE.edge().takesLongTextInEveryField("PUT", path, "application/json", METADATA, Map.of());
    }

    @Test
    void hostileTextInAnyFieldOfAnExclusionIsRefusedAndNothingIsWritten() {
        SERVICE.edge().refusesHostileTextInEveryField("POST", "/api/v1/cascades/c-1/exclusions", "application/json",
                "{\"repository\": \"harbor.example.com/team/app\", \"by\": \"alice\"}", Map.of());
        SERVICE.edge().takesLongTextInEveryField("POST", "/api/v1/cascades/c-1/exclusions", "application/json",
                "{\"repository\": \"harbor.example.com/team/app\", \"by\": \"alice\"}", Map.of());
    }

    @Test
    void aDatabaseFailureAnswersWithoutItsCause() {
        SERVICE.edge().hidesAnInternalFailure("GET", "/api/v1/cascades", "",
                List.of("ALTER TABLE catalog.cascade RENAME TO cascade_away"),
                List.of("ALTER TABLE catalog.cascade_away RENAME TO cascade"));
    }
}

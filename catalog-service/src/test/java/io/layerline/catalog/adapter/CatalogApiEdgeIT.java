package io.layerline.catalog.adapter;

import io.layerline.testing.ApiEdge;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.Tables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

    private static ApplicationContext context;
    private static ApiEdge edge;

    @BeforeAll
    static void startTheService() {
        context = ApplicationContext.run(Map.<String, Object>copyOf(Infrastructure.serviceProperties()));
        edge = new ApiEdge(context.getBean(EmbeddedServer.class).start().getURI(),
                Tables.of(name -> context.getRequiredProperty(name, String.class), "catalog"));
    }

    @AfterAll
    static void stopTheService() {
        context.close();
    }

    @Test
    void hostileTextInAnyFieldOfMetadataIsRefusedAndNothingIsWritten() {
        String path = "/api/v1/repositories/harbor.example.com/payments/shop/metadata";
        edge.refusesHostileTextInEveryField("PUT", path, "application/json", METADATA, Map.of());
        edge.refusesHostileTextInEveryField("PATCH", path, "application/merge-patch+json", METADATA, Map.of());
        edge.takesLongTextInEveryField("PUT", path, "application/json", METADATA, Map.of());
    }

    @Test
    void hostileTextInAnyFieldOfAnExclusionIsRefusedAndNothingIsWritten() {
        edge.refusesHostileTextInEveryField("POST", "/api/v1/cascades/c-1/exclusions", "application/json",
                "{\"repository\": \"harbor.example.com/team/app\", \"by\": \"alice\"}", Map.of());
        edge.takesLongTextInEveryField("POST", "/api/v1/cascades/c-1/exclusions", "application/json",
                "{\"repository\": \"harbor.example.com/team/app\", \"by\": \"alice\"}", Map.of());
    }

    @Test
    void aDatabaseFailureAnswersWithoutItsCause() {
        edge.hidesAnInternalFailure("GET", "/api/v1/cascades", "",
                List.of("ALTER TABLE catalog.cascade RENAME TO cascade_away"),
                List.of("ALTER TABLE catalog.cascade_away RENAME TO cascade"));
    }
}

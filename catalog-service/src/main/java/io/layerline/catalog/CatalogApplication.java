package io.layerline.catalog;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

@OpenAPIDefinition(info = @Info(
        title = "catalog-service",
        version = "v1",
        description = "Keeps image metadata and the base-image dependency graph, and drives ordered rebuild cascades.",
        license = @License(name = "Apache-2.0")))
public final class CatalogApplication {

    private CatalogApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(CatalogApplication.class)
                .banner(false)
                .start();
    }
}

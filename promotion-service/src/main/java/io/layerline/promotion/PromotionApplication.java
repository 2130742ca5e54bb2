package io.layerline.promotion;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

@OpenAPIDefinition(info = @Info(
        title = "promotion-service",
        version = "v1",
        description = "Keeps the deployment ledger and turns successful deployments into promotion labels in the registry.",
        license = @License(name = "Apache-2.0")))
public final class PromotionApplication {

    private PromotionApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(PromotionApplication.class)
                .banner(false)
                .start();
    }
}

package io.layerline.retention;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

@OpenAPIDefinition(info = @Info(
        title = "retention-service",
        version = "v1",
        description = "Keeps the artifact inventory and prunes registries by deploy-aware, per-label retention policies.",
        license = @License(name = "Apache-2.0")))
public final class RetentionApplication {

    private RetentionApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(RetentionApplication.class)
                .banner(false)
                .start();
    }
}

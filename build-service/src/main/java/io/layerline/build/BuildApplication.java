package io.layerline.build;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

@OpenAPIDefinition(info = @Info(
        title = "build-service",
        version = "v1",
        description = "Builds images through the Docker Engine API, analyses Dockerfiles, takes in CI events and Harbor webhooks, and announces every image it learns of.",
        license = @License(name = "Apache-2.0")))
public final class BuildApplication {

    private BuildApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(BuildApplication.class)
                .banner(false)
                .start();
    }
}

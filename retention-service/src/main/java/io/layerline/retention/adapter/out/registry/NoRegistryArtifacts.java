package io.layerline.retention.adapter.out.registry;

import io.layerline.retention.application.RegistryArtifacts;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Without {@code layerline.retention.registry.type}, plans can be computed and reviewed but delete nothing. */
@Singleton
@Requires(property = "layerline.retention.registry.type", value = "none", defaultValue = "none")
class NoRegistryArtifacts implements RegistryArtifacts {

    @Override
    public boolean handles(String registry) {
        return false;
    }

    @Override
    public boolean delete(ArtifactId artifact) {
        throw new UnsupportedOperationException("no registry is configured");
    }
}

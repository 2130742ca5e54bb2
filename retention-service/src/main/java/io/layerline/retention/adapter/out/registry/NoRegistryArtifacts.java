package io.layerline.retention.adapter.out.registry;

import io.layerline.retention.application.RegistryArtifacts;
import io.layerline.retention.application.RegistryCatalog;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * Without {@code layerline.retention.registry.type}, plans can be computed for every registry and reviewed (before
 * an adapter is configured), but delete nothing, and the inventory comes from events only.
 */
@Singleton
@Requires(property = "layerline.retention.registry.type", value = "none", defaultValue = "none")
class NoRegistryArtifacts implements RegistryArtifacts, RegistryCatalog {

    @Override
    public boolean handles(String registry) {
        return false;
    }

    @Override
    public boolean plansFor(String registry) {
        return true;
    }

    @Override
    public boolean delete(ArtifactId artifact) {
        throw new UnsupportedOperationException("no registry is configured");
    }

    @Override
    public Optional<String> registry() {
        return Optional.empty();
    }

    @Override
    public List<String> repositories() {
        return List.of();
    }

    @Override
    public List<Listed> artifacts(String repository) {
        return List.of();
    }
}

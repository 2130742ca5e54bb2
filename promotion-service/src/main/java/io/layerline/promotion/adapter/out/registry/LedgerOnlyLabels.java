package io.layerline.promotion.adapter.out.registry;

import io.layerline.promotion.application.port.RegistryLabels;
import io.layerline.promotion.domain.deployment.ImageCoordinates;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Optional;

/** With {@code layerline.promotion.registry.type=none} (the default), labels live in the ledger only. */
@Singleton
@Requires(property = RegistryType.PROPERTY, value = "none", defaultValue = "none")
class LedgerOnlyLabels implements RegistryLabels {

    @Override
    public boolean handles(String registry) {
        return false;
    }

    @Override
    public Optional<String> digestOf(String registry, String repository, String tag) {
        return Optional.empty();
    }

    @Override
    public void apply(ImageCoordinates image, String label) {
        throw new UnsupportedOperationException("labels live in the ledger only");
    }
}

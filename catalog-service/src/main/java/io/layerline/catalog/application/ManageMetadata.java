package io.layerline.catalog.application;

import io.layerline.catalog.application.port.Catalog;
import io.layerline.catalog.application.port.RepositoryMetadata;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Optional;

/** Enters or corrects what people know about a repository the catalog has seen. */
@Singleton
public class ManageMetadata {

    private final Catalog catalog;
    private final RepositoryMetadata metadata;
    private final Clock clock;

    ManageMetadata(Catalog catalog, RepositoryMetadata metadata, Clock clock) {
        this.catalog = catalog;
        this.metadata = metadata;
        this.clock = clock;
    }

    /** The metadata as stored, or empty when the catalog has never seen the repository. */
    @Transactional
    public Optional<Metadata> update(UpdateMetadata command) {
        if (catalog.head(command.registry(), command.repository()).isEmpty()) {
            return Optional.empty();
        }
        Metadata current = metadata.of(command.registry(), command.repository())
                .orElse(Metadata.NONE);
        Metadata updated = command.applyTo(current, clock.instant());
        metadata.put(command.registry(), command.repository(), updated);
        return Optional.of(updated);
    }
}

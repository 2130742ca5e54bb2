package io.layerline.retention.adapter.out.registry;

import io.layerline.retention.application.port.ManagedRegistries;
import io.layerline.retention.domain.inventory.ArtifactId;

import java.util.Optional;
import java.util.Set;

/** A managed registry whose deletions are kept and undone through the distribution API ({@link KeptManifests}). */
interface UndoableRegistry extends ManagedRegistries.ManagedRegistry {

    KeptManifests keptManifests();

    @Override
    default Optional<Kept> keep(ArtifactId artifact, Set<String> tags, Optional<String> subject)
            throws RegistryException {
        return KeptManifests.translated(() -> keptManifests().keep(artifact, tags, subject));
    }

    @Override
    default Restored restore(ArtifactId artifact, Kept kept) throws RegistryException {
        return KeptManifests.translated(() -> keptManifests().restore(artifact, kept));
    }

    @Override
    default void release(ArtifactId keeper) throws RegistryException {
        KeptManifests.translated(() -> {
            keptManifests().release(keeper);
            return null;
        });
    }
}

package io.layerline.retention.application.port;

import java.util.List;
import java.util.Optional;

/**
 * The registries this instance manages: for each, an adapter with the credentials to read what it holds and to
 * delete from it. Plans decide only about these; the artifacts of any other registry are kept as unmanaged. With
 * none configured, plans decide about every registry, for review only, and nothing can be deleted.
 */
public interface ManagedRegistries {

    /** One managed registry. */
    interface ManagedRegistry extends RegistryArtifacts, RegistryCatalog {
    }

    List<ManagedRegistry> all();

    /** The adapter of {@code registry} (host and port), if this instance manages it. */
    default Optional<ManagedRegistry> managing(String registry) {
        return all().stream().filter(managed -> managed.handles(registry)).findFirst();
    }

    /** Whether plans decide about the artifacts of {@code registry}. */
    default boolean plansFor(String registry) {
        return all().isEmpty() || managing(registry).isPresent();
    }
}

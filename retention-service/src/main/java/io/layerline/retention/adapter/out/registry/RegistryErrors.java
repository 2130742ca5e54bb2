package io.layerline.retention.adapter.out.registry;

import io.layerline.retention.application.port.RegistryArtifacts;

/** The shared client's errors in the application's terms, for every registry adapter alike. */
final class RegistryErrors {

    private RegistryErrors() {
    }

    /** Unavailable (retry later) stays unavailable; any other failure is a refusal. */
    static RegistryArtifacts.RegistryException translated(io.layerline.registry.RegistryException e) {
        return e.isUnavailable() ? RegistryArtifacts.RegistryException.unavailable(e.getMessage(), e)
                : new RegistryArtifacts.RegistryException(e.getMessage(), e);
    }
}

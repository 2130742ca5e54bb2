package io.layerline.retention.application;

import io.layerline.retention.domain.inventory.ArtifactId;

/** Deletes artifacts from a registry. */
public interface RegistryArtifacts {

    /** Whether artifacts of {@code registry} can be deleted through this adapter. */
    boolean handles(String registry);

    /**
     * Deletes the artifact by digest.
     *
     * @return false when the registry did not have it (any more): deleting twice is not an error
     * @throws RegistryException when the registry refused or could not be reached
     */
    boolean delete(ArtifactId artifact) throws RegistryException;

    /** The registry refused or could not be reached. */
    class RegistryException extends Exception {
        public RegistryException(String message) {
            super(message);
        }

        public RegistryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

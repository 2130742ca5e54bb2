package io.layerline.promotion.application.port;

import io.layerline.promotion.domain.deployment.ImageCoordinates;

import java.util.Optional;

/**
 * Puts promotion labels on images in a registry. A registry that cannot hold labels keeps them in the ledger only,
 * or carries them as promotion tags. The same registry resolves the tags of deployers that name no digest.
 */
public interface RegistryLabels {

    /** Whether labels of images in {@code registry} are applied there (otherwise they live in the ledger only). */
    boolean handles(String registry);

    /**
     * Applies {@code label} to the image; applying a label it carries already succeeds.
     *
     * @throws RegistryLabelException when the registry did not take it; it is tried again later
     */
    void apply(ImageCoordinates image, String label) throws RegistryLabelException;

    /**
     * The digest {@code repository:tag} points to in {@code registry}; empty when that registry is not handled here
     * or holds no such tag.
     *
     * @throws RegistryLabelException when the registry could not be asked
     */
    Optional<String> digestOf(String registry, String repository, String tag) throws RegistryLabelException;

    /** The registry refused or could not be reached. */
    class RegistryLabelException extends Exception {
        public RegistryLabelException(String message) {
            super(message);
        }

        public RegistryLabelException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

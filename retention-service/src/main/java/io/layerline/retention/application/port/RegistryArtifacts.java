package io.layerline.retention.application.port;

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

    /** The registry refused, or is unavailable: it could not be reached, timed out, or answered 429 or 5xx. */
    class RegistryException extends Exception {

        private final boolean unavailable;

        public RegistryException(String message) {
            this(message, null, false);
        }

        public RegistryException(String message, Throwable cause) {
            this(message, cause, false);
        }

        private RegistryException(String message, Throwable cause, boolean unavailable) {
            super(message, cause);
            this.unavailable = unavailable;
        }

        /** The registry could not be reached or did not answer in time. */
        public static RegistryException unavailable(String message, Throwable cause) {
            return new RegistryException(message, cause, true);
        }

        /** The registry answered {@code status}: unavailable for 429 and 5xx, a refusal otherwise. */
        public static RegistryException answered(int status, String message) {
            return new RegistryException(message, null, status == 429 || status >= 500);
        }

        /** Whether trying again later may succeed. */
        public boolean isUnavailable() {
            return unavailable;
        }
    }
}

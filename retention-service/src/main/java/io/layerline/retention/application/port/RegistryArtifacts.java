package io.layerline.retention.application.port;

import io.layerline.retention.domain.inventory.ArtifactId;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Deletes artifacts from a registry, keeping what an undo needs first, and puts kept ones back. */
public interface RegistryArtifacts {

    /** A manifest as the registry held it: its exact bytes, and the tags that named it. */
    record KeptManifest(String digest, String mediaType, byte[] content, Set<String> tags) {

        public KeptManifest {
            tags = Set.copyOf(tags);
        }
    }

    /**
     * What deleting an artifact would lose, kept for its undo window.
     *
     * @param keeper    the untagged manifest that names the blobs of the kept manifests, so that garbage collection
     *                  leaves them until the window closes; null when they name none
     * @param subject   the digest the artifact refers to (a signature's image), if any
     * @param children  the manifests an index names
     * @param manifests in the order they are put back: an index's children, the artifact, its referrers
     */
    record Kept(String keeper, String subject, List<String> children, List<KeptManifest> manifests) {

        public Kept {
            children = List.copyOf(children);
            manifests = List.copyOf(manifests);
        }
    }

    /**
     * What putting a kept artifact back did.
     *
     * @param tags     the artifact's tags that name it again (those of what came back with it are put back too)
     * @param tagsLeft the tags left as they are, the artifact's or those of what came back with it, each with why:
     *                 another image took it meanwhile
     */
    record Restored(List<String> tags, List<String> tagsLeft) {
    }

    /** Whether artifacts of {@code registry} can be deleted through this adapter. */
    boolean handles(String registry);

    /**
     * Deletes the artifact by digest.
     *
     * @return false when the registry did not have it (any more): deleting twice is not an error
     * @throws RegistryException when the registry refused or could not be reached
     */
    boolean delete(ArtifactId artifact) throws RegistryException;

    /**
     * Reads what deleting the artifact would lose — its manifest with {@code tags} (and, for an accessory of
     * {@code subject}, the cosign tag that names it), an index's children, its referrers and cosign's signatures,
     * attestations and SBOMs — and pushes an untagged keeper manifest naming their blobs. Empty when the registry no
     * longer has the artifact.
     */
    Optional<Kept> keep(ArtifactId artifact, Set<String> tags, Optional<String> subject) throws RegistryException;

    /**
     * Puts a kept artifact back: every manifest by digest, then each tag no other image has taken meanwhile.
     *
     * @throws RegistryException when a blob they name is gone (collected), or the registry refused
     */
    Restored restore(ArtifactId artifact, Kept kept) throws RegistryException;

    /** Deletes a keeper manifest, so that garbage collection frees the blobs only it still named. */
    void release(ArtifactId keeper) throws RegistryException;

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

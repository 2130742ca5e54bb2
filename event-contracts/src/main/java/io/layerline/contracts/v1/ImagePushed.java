package io.layerline.contracts.v1;

import io.layerline.contracts.ImageEvent;

import java.time.Instant;
import java.util.List;

/**
 * An artifact reached a registry, built by us or announced by the registry or CI.
 *
 * @param artifactKind what it is, when the producer could tell; null from producers that do not say (an image)
 */
public record ImagePushed(
        String registry,
        String repository,
        String digest,
        List<String> tags,
        Long size,
        String mediaType,
        ArtifactKind artifactKind,
        String pushedBy,
        Instant pushedAt) implements ImageEvent {

    /** What a pushed artifact is. Only images and indexes are images to run; the rest belong to them or stand apart. */
    public enum ArtifactKind {
        IMAGE, INDEX, SIGNATURE, ATTESTATION, SBOM, REFERRERS, HELM_CHART, ARTIFACT, UNKNOWN;

        /** Whether it is an image one could run, or might be (not known to be anything else). */
        public boolean mayBeAnImage() {
            return this == IMAGE || this == INDEX || this == UNKNOWN;
        }
    }
}

package io.layerline.contracts.v1;

import io.layerline.contracts.LayerlineEvent;

import java.time.Instant;
import java.util.List;

/** Artifacts of one repository a retention run had deleted were put back within their undo window. */
public record ImagesRestored(
        String planId,
        String registry,
        String repository,
        List<RestoredArtifact> artifacts,
        String restoredBy,
        Instant restoredAt) implements LayerlineEvent {

    /**
     * One artifact put back: its manifest, with the tags that name it again; {@code tagsLeft} another image took
     * meanwhile and kept.
     */
    public record RestoredArtifact(String digest, List<String> tags, List<String> tagsLeft) {
    }

    @Override
    public String partitionKey() {
        return repository;
    }

    @Override
    public String subject() {
        return registry + "/" + repository;
    }
}

package io.layerline.contracts.v1;

import io.layerline.contracts.LayerlineEvent;

import java.time.Instant;
import java.util.List;

/** Artifacts of one repository were deleted by a retention run. */
public record ImagesPruned(
        String runId,
        String planId,
        String registry,
        String repository,
        List<PrunedArtifact> artifacts,
        long reclaimedBytes,
        Instant prunedAt) implements LayerlineEvent {

    /** One deleted artifact and the reason the plan gave for deleting it. */
    public record PrunedArtifact(String digest, List<String> tags, long size, String reason) {
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

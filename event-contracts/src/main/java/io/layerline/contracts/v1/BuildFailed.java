package io.layerline.contracts.v1;

import io.layerline.contracts.LayerlineEvent;

import java.time.Instant;

/**
 * A build of a repository failed: nothing was pushed. Keyed by repository, beside the image events of that repository.
 *
 * @param buildId   the build-service's id of the build
 * @param cascadeId the rebuild cascade that asked for the build, absent for builds nobody asked the catalog for
 * @param reason    why it failed, for people
 */
public record BuildFailed(
        String buildId,
        String registry,
        String repository,
        String cascadeId,
        String reason,
        Instant failedAt) implements LayerlineEvent {

    @Override
    public String partitionKey() {
        return repository;
    }

    @Override
    public String subject() {
        return repository;
    }
}

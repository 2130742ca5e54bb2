package io.layerline.contracts.v1;

import io.layerline.contracts.LayerlineEvent;

import java.time.Instant;

/**
 * The catalog asks for a repository to be rebuilt on a new base digest, as one wave of a cascade.
 *
 * @param wave 1 for direct dependants of the updated base, k for images whose bases are all in earlier waves
 */
public record RebuildRequested(
        String cascadeId,
        int wave,
        String registry,
        String repository,
        String currentDigest,
        String baseReference,
        String previousBaseDigest,
        String newBaseDigest,
        String reason,
        Instant requestedAt) implements LayerlineEvent {

    @Override
    public String partitionKey() {
        return repository;
    }

    @Override
    public String subject() {
        return repository;
    }
}

package io.layerline.contracts.v1;

import io.layerline.contracts.LayerlineEvent;

import java.time.Instant;

/**
 * A tag that other images build on moved to a new digest; a rebuild cascade starts from here.
 *
 * @param reference the base as its dependants name it, e.g. {@code eclipse-temurin:17-jre}
 */
public record BaseImageUpdated(
        String cascadeId,
        String registry,
        String repository,
        String tag,
        String reference,
        String previousDigest,
        String newDigest,
        int directDependants,
        int totalDependants,
        Instant updatedAt) implements LayerlineEvent {

    @Override
    public String partitionKey() {
        return repository;
    }

    @Override
    public String subject() {
        return repository + ":" + tag;
    }
}

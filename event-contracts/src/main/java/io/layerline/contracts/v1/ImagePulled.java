package io.layerline.contracts.v1;

import io.layerline.contracts.LayerlineEvent;

import java.time.Instant;

/** A registry reported a pull of an image. */
public record ImagePulled(
        String registry,
        String repository,
        String digest,
        String tag,
        String pulledBy,
        Instant pulledAt) implements LayerlineEvent {

    @Override
    public String partitionKey() {
        return repository;
    }

    @Override
    public String subject() {
        return repository + "@" + digest;
    }
}

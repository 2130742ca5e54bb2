package io.layerline.contracts.v1;

import io.layerline.contracts.LayerlineEvent;

import java.time.Instant;
import java.util.List;

/** An image was deleted from a registry, by us or behind our back. */
public record ImageDeleted(
        String registry,
        String repository,
        String digest,
        List<String> tags,
        String deletedBy,
        Instant deletedAt) implements LayerlineEvent {

    @Override
    public String partitionKey() {
        return repository;
    }

    @Override
    public String subject() {
        return repository + "@" + digest;
    }
}

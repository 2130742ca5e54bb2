package io.layerline.contracts.v1;

import io.layerline.contracts.ImageEvent;

import java.time.Instant;
import java.util.List;

/** An image was deleted from a registry, by us or behind our back. */
public record ImageDeleted(
        String registry,
        String repository,
        String digest,
        List<String> tags,
        String deletedBy,
        Instant deletedAt) implements ImageEvent {
}

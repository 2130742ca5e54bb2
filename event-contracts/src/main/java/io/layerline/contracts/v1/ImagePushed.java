package io.layerline.contracts.v1;

import io.layerline.contracts.ImageEvent;

import java.time.Instant;
import java.util.List;

/** An image reached a registry, built by us or announced by the registry or CI. */
public record ImagePushed(
        String registry,
        String repository,
        String digest,
        List<String> tags,
        Long size,
        String mediaType,
        String pushedBy,
        Instant pushedAt) implements ImageEvent {
}

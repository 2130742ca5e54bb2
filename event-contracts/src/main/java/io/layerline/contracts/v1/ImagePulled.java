package io.layerline.contracts.v1;

import io.layerline.contracts.ImageEvent;

import java.time.Instant;

/** A registry reported a pull of an image. */
public record ImagePulled(
        String registry,
        String repository,
        String digest,
        String tag,
        String pulledBy,
        Instant pulledAt) implements ImageEvent {
}

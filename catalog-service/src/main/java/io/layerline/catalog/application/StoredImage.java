package io.layerline.catalog.application;

import java.time.Instant;

/** An image as stored, with when it was first seen. */
public record StoredImage(Image image, Instant seenAt) {
}

package io.layerline.promotion.application;

import io.layerline.promotion.domain.deployment.ImageCoordinates;

import java.time.Instant;
import java.util.Optional;

/** A label the registry does not carry yet. */
public record PendingLabel(long id, ImageCoordinates image, String label, int attempts, Instant nextAttemptAt,
                           Optional<String> lastError) {
}

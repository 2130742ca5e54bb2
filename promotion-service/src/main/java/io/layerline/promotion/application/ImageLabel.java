package io.layerline.promotion.application;

import java.time.Instant;

/** A promotion label of an image, with the deployment that earned it and whether the registry carries it yet. */
public record ImageLabel(String label, String environment, String deploymentId, Instant labelledAt,
                         String registryState) {
}

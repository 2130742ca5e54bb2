package io.layerline.promotion.application;

import java.time.Instant;

/** An environment an image reached, the first and the last time. */
public record ImageReach(String environment, Instant firstDeployedAt, Instant lastDeployedAt) {
}

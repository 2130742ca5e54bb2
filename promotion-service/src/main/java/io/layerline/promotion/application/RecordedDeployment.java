package io.layerline.promotion.application;

import io.layerline.promotion.domain.deployment.Deployment;

import java.time.Instant;

/** A deployment as the ledger holds it. */
public record RecordedDeployment(long id, Deployment deployment, Ingress ingress, Instant recordedAt) {
}

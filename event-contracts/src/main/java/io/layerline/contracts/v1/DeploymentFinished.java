package io.layerline.contracts.v1;

import io.layerline.contracts.LayerlineEvent;

import java.time.Instant;

/**
 * A deployer finished rolling an image out to an environment, successfully or not.
 *
 * @param deploymentId the deployer's own id for this deployment; repeats of it are the same deployment
 * @param kind         what the deployment did: a new version, an upgrade in place or a rollback
 * @param target       the cluster or host it ran on
 */
public record DeploymentFinished(
        String deploymentId,
        String service,
        String environment,
        ImageRef image,
        Kind kind,
        Status status,
        String deployer,
        String target,
        Instant startedAt,
        Instant finishedAt) implements LayerlineEvent {

    public enum Kind { DEPLOYED, UPGRADED, ROLLED_BACK }

    public enum Status { SUCCEEDED, FAILED }

    @Override
    public String partitionKey() {
        return service;
    }

    @Override
    public String subject() {
        return service + "/" + environment;
    }
}

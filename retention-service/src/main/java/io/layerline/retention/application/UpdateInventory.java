package io.layerline.retention.application;

import io.layerline.retention.domain.inventory.ArtifactId;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;

/** Keeps the inventory in step with what the other services announce. */
@Singleton
public class UpdateInventory {

    private final Inventory inventory;
    private final String rollbackEnvironment;

    UpdateInventory(Inventory inventory,
                    @Value("${layerline.retention.rollback-environment:prod}") String rollbackEnvironment) {
        this.inventory = inventory;
        this.rollbackEnvironment = rollbackEnvironment;
    }

    @Transactional
    public void pushed(ArtifactId artifact, Set<String> tags, OptionalLong size, Instant pushedAt) {
        inventory.recordPush(artifact, tags, size, pushedAt);
    }

    @Transactional
    public void built(ArtifactId artifact, Set<String> tags, long size, Instant builtAt, Set<String> baseDigests) {
        inventory.recordPush(artifact, tags, OptionalLong.of(size), builtAt);
        inventory.recordBases(artifact, baseDigests);
    }

    @Transactional
    public void pulled(ArtifactId artifact, Instant at) {
        inventory.recordPull(artifact, at);
    }

    @Transactional
    public void deleted(ArtifactId artifact, Instant at) {
        inventory.markGone(artifact, at);
    }

    @Transactional
    public void promoted(ArtifactId artifact, String label) {
        inventory.addLabel(artifact, label);
    }

    @Transactional
    public void deployed(String service, String environment, ArtifactId artifact, Instant finishedAt) {
        inventory.recordDeployment(service, environment, artifact, finishedAt, environment.equals(rollbackEnvironment));
    }
}

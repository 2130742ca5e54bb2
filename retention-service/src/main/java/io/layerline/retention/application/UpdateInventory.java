package io.layerline.retention.application;

import io.layerline.retention.application.port.Inventory;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Keeps the inventory in step with what the other services announce. */
@Singleton
public class UpdateInventory {

    private final Inventory inventory;
    private final String rollbackEnvironment;

    UpdateInventory(Inventory inventory, RetentionSettings settings) {
        this.inventory = inventory;
        this.rollbackEnvironment = settings.rollbackEnvironment();
    }

    /** An image a build produced, with the digests of the images it was built from. */
    public record Built(ArtifactPush push, Set<String> baseDigests) {
    }

    @Transactional
    public void pushed(List<ArtifactPush> pushes) {
        inventory.recordPushes(pushes);
    }

    @Transactional
    public void built(List<Built> images) {
        inventory.recordPushes(images.stream().map(Built::push).toList());
        Map<ArtifactId, Set<String>> bases = new LinkedHashMap<>();
        images.forEach(image -> bases.computeIfAbsent(image.push().artifact(), artifact -> new HashSet<>())
                .addAll(image.baseDigests()));
        inventory.recordBases(bases);
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

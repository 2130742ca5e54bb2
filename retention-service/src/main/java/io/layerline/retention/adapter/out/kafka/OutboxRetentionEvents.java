package io.layerline.retention.adapter.out.kafka;

import io.layerline.contracts.v1.ImagesPruned;
import io.layerline.contracts.v1.ImagesRestored;
import io.layerline.contracts.v1.RetentionRunFinished;
import io.layerline.eventing.Outbox;
import io.layerline.retention.application.PlanSummary;
import io.layerline.retention.application.port.RetentionEvents;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.plan.ItemState;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Publishes retention's events through the transactional outbox, mapped to the v1 contracts. */
@Singleton
class OutboxRetentionEvents implements RetentionEvents {

    private final Outbox outbox;

    OutboxRetentionEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void imagePruned(UUID planId, ArtifactId artifact, Set<String> tags, long size, String reason, Instant at) {
        outbox.publish(new ImagesPruned(planId.toString(), planId.toString(), artifact.registry(),
                artifact.repository(), List.of(new ImagesPruned.PrunedArtifact(artifact.digest(),
                tags.stream().sorted().toList(), size, reason)), size, at));
    }

    @Override
    public void imageRestored(UUID planId, ArtifactId artifact, List<String> tags, List<String> tagsLeft,
                              String restoredBy, Instant at) {
        outbox.publish(new ImagesRestored(planId.toString(), artifact.registry(), artifact.repository(),
                List.of(new ImagesRestored.RestoredArtifact(artifact.digest(), tags, tagsLeft)), restoredBy, at));
    }

    @Override
    public void runFinished(UUID planId, PlanSummary summary, Instant at) {
        int deleted = summary.deletionsByState().getOrDefault(ItemState.DELETED, 0);
        int failed = summary.deletionsByState().getOrDefault(ItemState.FAILED, 0);
        int skipped = summary.deletionsByState().getOrDefault(ItemState.SKIPPED, 0);
        outbox.publish(new RetentionRunFinished(planId.toString(), planId.toString(), "default",
                failed == 0 ? RetentionRunFinished.Outcome.COMPLETED
                        : RetentionRunFinished.Outcome.COMPLETED_WITH_FAILURES,
                deleted, summary.kept() + skipped, failed, summary.reclaimedBytes(), summary.startedAt(), at));
    }
}

package io.layerline.promotion.adapter.in.http;

import io.layerline.promotion.application.CurrentDeployment;
import io.layerline.promotion.application.ImageLabel;
import io.layerline.promotion.application.ImageReach;
import io.layerline.promotion.application.PendingLabel;
import io.layerline.promotion.application.RecordedDeployment;
import io.layerline.promotion.domain.deployment.Deployment;
import io.layerline.promotion.domain.deployment.DeploymentReport;
import io.layerline.promotion.domain.deployment.ImageCoordinates;
import io.layerline.promotion.domain.label.PromotionOutcome;
import io.layerline.promotion.domain.rollback.RollbackCandidate;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** The JSON bodies of the REST API, and their mapping from the application's types. */
final class Bodies {

    private Bodies() {
    }

    /** A deployment as a deployer reports it. */
    @Serdeable
    record DeploymentRequest(@Nullable String deploymentId, @Nullable String service, @Nullable String environment,
                             @Nullable ImageBody image, @Nullable String kind, @Nullable String status,
                             @Nullable String deployer, @Nullable String target, @Nullable Instant startedAt,
                             @Nullable Instant finishedAt) {

        DeploymentReport toReport() {
            ImageBody given = image == null ? new ImageBody(null, null, null, null) : image;
            return new DeploymentReport(deploymentId, service, environment, given.registry(), given.repository(),
                    given.digest(), given.tag(), kind, status, deployer, target, startedAt, finishedAt);
        }
    }

    @Serdeable
    record ImageBody(@Nullable String registry, @Nullable String repository, @Nullable String digest,
                     @Nullable String tag) {

        static ImageBody of(ImageCoordinates image) {
            return new ImageBody(image.registry(), image.repository(), image.digest(), image.tag().orElse(null));
        }
    }

    /** A deployment as the ledger holds it; {@code promotion} says what recording it did to the image's labels. */
    @Serdeable
    record DeploymentResponse(long id, String deploymentId, String service, String environment, ImageBody image,
                              String kind, String status, @Nullable String deployer, @Nullable String target,
                              @Nullable Instant startedAt, Instant finishedAt, String ingress, Instant recordedAt,
                              @Nullable PromotionBody promotion) {

        static DeploymentResponse of(RecordedDeployment recorded, @Nullable PromotionOutcome outcome) {
            Deployment deployment = recorded.deployment();
            return new DeploymentResponse(recorded.id(), deployment.externalId(), deployment.service(),
                    deployment.environment(), ImageBody.of(deployment.image()), deployment.kind().name(),
                    deployment.status().name(), deployment.deployer().orElse(null), deployment.target().orElse(null),
                    deployment.startedAt().orElse(null), deployment.finishedAt(), recorded.ingress().name(),
                    recorded.recordedAt(), outcome == null ? null : PromotionBody.of(outcome));
        }
    }

    @Serdeable
    record PromotionBody(boolean promoted, @Nullable String label, @Nullable String reason) {

        static PromotionBody of(PromotionOutcome outcome) {
            if (outcome instanceof PromotionOutcome.Promoted promoted) {
                return new PromotionBody(true, promoted.label(), null);
            }
            return new PromotionBody(false, null, ((PromotionOutcome.Unchanged) outcome).reason());
        }
    }

    @Serdeable
    record RunningBody(String service, String environment, ImageBody image, Instant since, String deploymentId,
                       @Nullable String deployedBy) {

        static RunningBody of(CurrentDeployment current) {
            return new RunningBody(current.service(), current.environment(), ImageBody.of(current.image()),
                    current.since(), current.deploymentId(), current.deployer().orElse(null));
        }
    }

    @Serdeable
    record EnvironmentBody(String name, int services, Instant lastChange) {
    }

    @Serdeable
    record RollbackCandidateBody(ImageBody image, Instant deployedAt, @Nullable String deployedBy,
                                 String deploymentId) {

        static RollbackCandidateBody of(RollbackCandidate candidate) {
            return new RollbackCandidateBody(new ImageBody(candidate.registry(), candidate.repository(),
                    candidate.digest(), candidate.tag().orElse(null)), candidate.deployedAt(),
                    candidate.deployer().orElse(null), candidate.deploymentId());
        }
    }

    @Serdeable
    record ImageHistoryBody(ImageBody image, List<ReachBody> environments, List<LabelBody> labels,
                            List<DeploymentResponse> deployments) {
    }

    @Serdeable
    record ReachBody(String environment, Instant firstDeployedAt, Instant lastDeployedAt) {

        static ReachBody of(ImageReach reach) {
            return new ReachBody(reach.environment(), reach.firstDeployedAt(), reach.lastDeployedAt());
        }
    }

    @Serdeable
    record LabelBody(String label, String environment, String deploymentId, Instant labelledAt,
                     String registryState) {

        static LabelBody of(ImageLabel label) {
            return new LabelBody(label.label(), label.environment(), label.deploymentId(), label.labelledAt(),
                    label.registryState());
        }
    }

    @Serdeable
    record PendingLabelBody(ImageBody image, String label, int attempts, Instant nextAttemptAt,
                            @Nullable String lastError) {

        static PendingLabelBody of(PendingLabel pending) {
            return new PendingLabelBody(ImageBody.of(pending.image()), pending.label(), pending.attempts(),
                    pending.nextAttemptAt(), pending.lastError().orElse(null));
        }
    }
}

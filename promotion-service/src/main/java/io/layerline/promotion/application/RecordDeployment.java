package io.layerline.promotion.application;

import io.layerline.promotion.domain.deployment.Deployment;
import io.layerline.promotion.domain.deployment.DeploymentReport;
import io.layerline.promotion.domain.label.PromotionOutcome;
import io.layerline.promotion.domain.label.Promotions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Records a reported deployment in the ledger and promotes its image: once per external id, whatever the
 * number of deliveries, and with the label, its event and its registry application in the same transaction.
 */
@Singleton
public class RecordDeployment {

    /** What became of a report. */
    public sealed interface Result {
    }

    /** Recorded now; {@code promotion} says what it did to the image's labels. */
    public record Recorded(RecordedDeployment deployment, PromotionOutcome promotion) implements Result {
    }

    /** A deployment with this external id was recorded before: here it is, unchanged. */
    public record Duplicate(RecordedDeployment original) implements Result {
    }

    /** The report is invalid; nothing was written. */
    public record Rejected(List<DeploymentReport.FieldError> errors) implements Result {
    }

    private final Ledger ledger;
    private final Labels labels;
    private final PromotionEvents events;
    private final RegistryLabels registryLabels;
    private final Promotions promotions;
    private final Clock clock;
    private final MeterRegistry meters;

    RecordDeployment(Ledger ledger, Labels labels, PromotionEvents events, RegistryLabels registryLabels,
                     Promotions promotions, Clock clock, MeterRegistry meters) {
        this.ledger = ledger;
        this.labels = labels;
        this.events = events;
        this.registryLabels = registryLabels;
        this.promotions = promotions;
        this.clock = clock;
        this.meters = meters;
    }

    @Transactional
    public Result record(DeploymentReport report, Ingress ingress) {
        List<DeploymentReport.FieldError> errors = report.validate();
        if (!errors.isEmpty()) {
            return new Rejected(errors);
        }
        var existing = ledger.findByExternalId(report.externalId());
        if (existing.isPresent()) {
            return new Duplicate(existing.get());
        }
        Deployment deployment = report.toDeployment();
        Instant now = clock.instant();
        var added = ledger.add(deployment, ingress, now);
        if (added.isEmpty()) {
            return new Duplicate(ledger.findByExternalId(report.externalId()).orElseThrow());
        }
        RecordedDeployment recorded = added.get();
        if (ingress != Ingress.KAFKA) {
            events.deploymentFinished(deployment);
        }
        PromotionOutcome outcome = promotions.decide(deployment, labels.of(deployment.image().untagged()));
        if (deployment.succeeded()) {
            ledger.advanceCurrent(recorded);
            ledger.noteReach(deployment);
        }
        if (outcome instanceof PromotionOutcome.Promoted promoted) {
            promote(deployment, promoted.label(), now);
        }
        Counter.builder("layerline.deployments")
                .description("Deployments recorded in the ledger")
                .tag("environment", deployment.environment())
                .tag("status", deployment.status().name().toLowerCase())
                .register(meters).increment();
        return new Recorded(recorded, outcome);
    }

    private void promote(Deployment deployment, String label, Instant now) {
        var image = deployment.image().untagged();
        if (!labels.add(image, label, deployment.environment(), deployment.externalId(), now)) {
            return;
        }
        events.imagePromoted(deployment.image(), label, deployment.environment(), deployment.externalId(), now);
        if (registryLabels.handles(image.registry())) {
            labels.requestApplication(image, label, now);
        }
        Counter.builder("layerline.promotions")
                .description("Labels images earned by deployments")
                .tag("label", label)
                .register(meters).increment();
    }
}

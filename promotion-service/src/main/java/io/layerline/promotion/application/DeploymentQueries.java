package io.layerline.promotion.application;

import io.layerline.promotion.application.port.Labels;
import io.layerline.promotion.application.port.Ledger;
import io.layerline.promotion.domain.deployment.Deployment;
import io.layerline.promotion.domain.deployment.ImageCoordinates;
import io.layerline.promotion.domain.rollback.RollbackCandidate;
import io.layerline.promotion.domain.rollback.RollbackCandidates;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** What runs where, what ran before, and what a service can roll back to. */
@Singleton
public class DeploymentQueries {

    /** Everything the ledger knows of one image. */
    public record ImageHistory(List<RecordedDeployment> deployments, List<ImageReach> environments,
                               List<ImageLabel> labels) {
    }

    private final Ledger ledger;
    private final Labels labels;

    DeploymentQueries(Ledger ledger, Labels labels) {
        this.ledger = ledger;
        this.labels = labels;
    }

    @ReadOnly
    public Optional<RecordedDeployment> deployment(String externalId) {
        return ledger.findByExternalId(externalId);
    }

    @ReadOnly
    public List<CurrentDeployment> running(Optional<String> environment) {
        return ledger.running(environment);
    }

    @ReadOnly
    public List<RecordedDeployment> historyOfService(String service, Optional<String> environment, int limit,
                                                     int offset) {
        return ledger.historyOfService(service, environment, limit, offset);
    }

    @ReadOnly
    public ImageHistory historyOfImage(ImageCoordinates image, int limit, int offset) {
        return new ImageHistory(ledger.historyOfImage(image, limit, offset), ledger.reachOf(image),
                labels.detailsOf(image));
    }

    @ReadOnly
    public List<RollbackCandidate> rollbackCandidates(String service, String environment, int limit) {
        Optional<String> current = ledger.current(service, environment).map(c -> c.image().digest());
        List<Deployment> lastOfEachDigest = ledger.lastSuccessfulOfEachDigest(service, environment, limit + 1)
                .stream().map(RecordedDeployment::deployment).toList();
        return RollbackCandidates.of(lastOfEachDigest, current, limit);
    }

    @ReadOnly
    public List<PendingLabel> pendingLabels(int limit, int offset) {
        return labels.pending(limit, offset);
    }
}

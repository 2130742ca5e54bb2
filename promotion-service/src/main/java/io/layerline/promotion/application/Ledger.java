package io.layerline.promotion.application;

import io.layerline.promotion.domain.deployment.Deployment;
import io.layerline.promotion.domain.deployment.ImageCoordinates;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The deployment ledger. Writes join the caller's transaction. */
public interface Ledger {

    Optional<RecordedDeployment> findByExternalId(String externalId);

    /** Adds the deployment; empty when one with its external id is recorded already (a concurrent delivery). */
    Optional<RecordedDeployment> add(Deployment deployment, Ingress ingress, Instant recordedAt);

    /** Makes a successful deployment the current one of its service and environment, unless a later one is. */
    void advanceCurrent(RecordedDeployment deployment);

    /** Notes that the deployment's image reached its environment. */
    void noteReach(Deployment deployment);

    Optional<CurrentDeployment> current(String service, String environment);

    /** What runs in each environment, by environment and service. */
    List<CurrentDeployment> running(Optional<String> environment);

    /** Deployments of a service, newest first; of one environment when given. */
    List<RecordedDeployment> historyOfService(String service, Optional<String> environment, int limit, int offset);

    /** For each digest the service ran successfully in the environment, its last deployment; newest first. */
    List<RecordedDeployment> lastSuccessfulOfEachDigest(String service, String environment, int limit);

    List<RecordedDeployment> historyOfImage(ImageCoordinates image, int limit, int offset);

    List<ImageReach> reachOf(ImageCoordinates image);
}

package io.layerline.promotion.application.port;

import io.layerline.promotion.application.CurrentDeployment;
import io.layerline.promotion.application.ImageReach;
import io.layerline.promotion.application.Ingress;
import io.layerline.promotion.application.RecordedDeployment;
import io.layerline.promotion.domain.deployment.Deployment;
import io.layerline.promotion.domain.deployment.ImageCoordinates;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The deployment ledger. Writes join the caller's transaction. */
public interface Ledger {

    Optional<RecordedDeployment> findByExternalId(String externalId);

    /** The recorded deployments with these external ids, by external id. */
    Map<String, RecordedDeployment> findByExternalIds(Set<String> externalIds);

    /**
     * Adds deployments of distinct external ids, in this order, with one JDBC batch; those added, leaving out any
     * whose external id is recorded already (a concurrent delivery).
     */
    List<RecordedDeployment> add(List<Deployment> deployments, Ingress ingress, Instant recordedAt);

    /** Makes each successful deployment the current one of its service and environment, unless a later one is. */
    void advanceCurrent(List<RecordedDeployment> deployments);

    /** Notes that the deployments' images reached their environments. */
    void noteReach(List<Deployment> deployments);

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

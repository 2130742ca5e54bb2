package io.layerline.retention.application.port;

import io.layerline.retention.application.ArtifactPush;
import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.plan.ProtectionFacts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The artifact inventory and the facts protections need. Writes join the caller's transaction. */
public interface Inventory {

    /** Records pushes in this order, with one JDBC batch. */
    void recordPushes(List<ArtifactPush> pushes);

    /**
     * The artifacts of a repository exactly as the registry lists them — their tags (a tag that moved away is gone),
     * immutability, and what each is and names — with one JDBC batch.
     */
    void recordListed(RepositoryId repository, List<RegistryCatalog.Listed> listed);

    /** The digests each child artifact was built from, with one JDBC batch. */
    void recordBases(Map<ArtifactId, Set<String>> baseDigests);

    void recordPull(ArtifactId artifact, Instant at);

    void markGone(ArtifactId artifact, Instant at);

    /** An artifact marked gone is in the registry again (put back within its undo window). */
    void markPresent(ArtifactId artifact);

    void addLabel(ArtifactId artifact, String label);

    /**
     * A successful deployment: the artifact was used, now runs for the service in the environment, and, in the
     * rollback environment, joins the service's rollback history.
     */
    void recordDeployment(String service, String environment, ArtifactId artifact, Instant finishedAt,
                          boolean rollbackEnvironment);

    /** The artifacts present in the registries, of one repository or all, with where they run. */
    List<Artifact> present(Optional<RepositoryId> repository);

    /** Rollback sets (the last {@code rollbackDepth} distinct digests per service), holds and base edges. */
    ProtectionFacts protectionFacts(int rollbackDepth);

    /** Artifacts and bytes under management (each blob of a registry once), for metrics. */
    long[] totals();
}

package io.layerline.catalog.domain.gate;

import io.layerline.catalog.domain.governance.RepositoryFacts;
import io.layerline.catalog.domain.graph.Tier;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the gate knows of the image it is asked about.
 *
 * @param reference     the image as asked for ({@code registry/repository:tag} or {@code …@sha256:…})
 * @param candidate     an image about to be built: its bases are known, it has no digest, scan or deployment yet
 * @param digest        the digest it resolved to; null when the catalog does not know the image (or a candidate)
 * @param tier          its repository's tier; null when unknown
 * @param bases         every stage's base, the final stage's last
 * @param finalBase     the repository of the final stage's base, when the catalog knows it
 * @param staleness     how far the final base tag has moved on since the image was built; null when it has not
 * @param scan          the newest vulnerability scan of the digest; null when none is recorded
 * @param succeededIn   the environments a deployment of this digest succeeded in
 * @param sameKindBases the standard bases of the final base's kind (e.g. every JDK 17 runtime), itself included;
 *                      empty when the base is of no known kind
 */
public record ImageFacts(
        String reference,
        boolean candidate,
        String registry,
        String repository,
        String digest,
        Tier tier,
        String owner,
        Integer layerCount,
        List<Base> bases,
        String finalBase,
        RepositoryFacts.Staleness staleness,
        Scan scan,
        Set<String> succeededIn,
        String baseKind,
        Set<String> sameKindBases) {

    public ImageFacts {
        bases = List.copyOf(bases);
        succeededIn = Set.copyOf(succeededIn);
        sameKindBases = Set.copyOf(sameKindBases);
    }

    /** Known to the catalog, or being built where the gate is asked first. */
    public boolean known() {
        return digest != null || candidate;
    }

    /** {@code registry/repository}. */
    public String name() {
        return registry + "/" + repository;
    }

    /**
     * A stage's base as written and where it comes from.
     *
     * @param registry the registry host of the reference ({@code docker.io} for a short name); null for scratch
     */
    public record Base(String reference, String registry, boolean finalStage) {
    }

    /** The findings of a vulnerability scan by severity; {@code null} counts are unknown, never clean. */
    public record Scan(Integer critical, Integer high, Instant scannedAt) {
    }
}

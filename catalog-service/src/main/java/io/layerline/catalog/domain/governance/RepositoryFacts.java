package io.layerline.catalog.domain.governance;

import io.layerline.catalog.domain.graph.Tier;

import java.time.Instant;
import java.util.Set;

/**
 * What governance looks at for one repository's newest image.
 *
 * @param baseReference  the final stage's base as written, {@code null} for an image with no recorded base
 * @param baseRepository the base's repository ({@code registry/repository}) when it is known to the catalog
 * @param baseTier       that repository's tier
 * @param staleness      how far the base tag has moved on since this image was built, {@code null} if it has not
 * @param hasDependants whether a repository is built on this one
 * @param kind          the kind of base it is ({@code jdk-17}, {@code node-20}); null for an application or none
 * @param sameKind      the repositories of its tier and kind, itself included
 */
public record RepositoryFacts(
        String repository,
        Tier tier,
        String owner,
        Integer layerCount,
        String baseReference,
        String baseRepository,
        Tier baseTier,
        Staleness staleness,
        boolean hasDependants,
        boolean inCycle,
        String kind,
        Set<String> sameKind) {

    public RepositoryFacts {
        sameKind = Set.copyOf(sameKind);
    }

    /**
     * @param digestsBehind how many digests the base tag has pointed to since the one this image was built on
     * @param behindSince   when the tag first moved away from that digest
     */
    public record Staleness(int digestsBehind, Instant behindSince) {
    }
}

package io.layerline.catalog.application;

import io.layerline.catalog.domain.graph.TierRules;

/**
 * A repository as the catalog sees it now: its newest image, what people entered, its tier and where it sits in the
 * graph.
 *
 * @param baseRepository the repository of the final stage's base of its newest image, when known
 * @param depth          how many final-stage bases lie below its newest image
 * @param hasDependants  whether another repository's newest image builds on it
 */
public record RepositoryView(
        RepositoryHead head,
        Metadata metadata,
        TierRules.Assignment tier,
        String baseRepository,
        String baseReference,
        int depth,
        boolean hasDependants) {

    public String name() {
        return head.name();
    }
}

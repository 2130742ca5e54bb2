package io.layerline.catalog.domain.cascade;

import java.time.Instant;
import java.util.Set;

/**
 * One repository of a cascade.
 *
 * @param dependsOn     the repositories of the cascade (or the changed base) it builds on, in any stage
 * @param finalBase     the repository of its final stage's base
 * @param baseReference its final stage's base as written
 * @param blocked       skipped because something below it failed, so what builds on it is skipped too
 */
public record CascadeItem(
        String repository,
        int wave,
        String currentDigest,
        Set<String> dependsOn,
        String finalBase,
        String baseReference,
        State state,
        String requestedBaseDigest,
        String rebuiltDigest,
        String reason,
        boolean blocked,
        Instant updatedAt) {

    public enum State {
        PENDING, REQUESTED, REBUILT, FAILED, SKIPPED;

        public boolean settled() {
            return this == REBUILT || this == FAILED || this == SKIPPED;
        }
    }

    public CascadeItem {
        dependsOn = Set.copyOf(dependsOn);
    }

    CascadeItem requested(String baseDigest, Instant at) {
        return with(State.REQUESTED, baseDigest, null, null, false, at);
    }

    CascadeItem rebuilt(String digest, Instant at) {
        return with(State.REBUILT, requestedBaseDigest, digest, null, false, at);
    }

    CascadeItem failed(String why, Instant at) {
        return with(State.FAILED, requestedBaseDigest, null, why, true, at);
    }

    CascadeItem skipped(String why, boolean blockedBelow, Instant at) {
        return with(State.SKIPPED, requestedBaseDigest, null, why, blockedBelow, at);
    }

    private CascadeItem with(State next, String baseDigest, String rebuilt, String why, boolean block, Instant at) {
        return new CascadeItem(repository, wave, currentDigest, dependsOn, finalBase, baseReference, next, baseDigest,
                rebuilt, why, block, at);
    }
}

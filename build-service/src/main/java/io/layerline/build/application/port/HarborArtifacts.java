package io.layerline.build.application.port;

import java.util.List;
import java.util.Optional;

/**
 * What Harbor's API knows of a pushed artifact and its webhook does not say: every tag (the webhook names the first)
 * and what the artifact is.
 */
public interface HarborArtifacts {

    /**
     * @param tags every tag the artifact is known by
     * @param kind what it is: {@code IMAGE}, {@code INDEX}, {@code SIGNATURE}, {@code SBOM}, {@code HELM_CHART}…
     */
    record Description(List<String> tags, String kind) {
    }

    /**
     * Describes {@code repository@digest}; empty when no Harbor API is configured, or Harbor no longer holds it.
     *
     * @throws Unavailable when asking failed in a way that may pass (Harbor down, slow, 5xx, 429)
     */
    Optional<Description> describe(String repository, String digest) throws Unavailable;

    class Unavailable extends Exception {

        public Unavailable(String message) {
            super(message);
        }
    }
}

package io.layerline.promotion.domain.deployment;

import java.util.Optional;

/**
 * The image a deployment ran, by digest: the same digest is the same image in every environment.
 *
 * @param tag the tag the deployer named it by, if it did
 */
public record ImageCoordinates(String registry, String repository, String digest, Optional<String> tag) {

    public ImageCoordinates {
        tag = tag == null ? Optional.empty() : tag;
    }

    /** The registry project: the first path component of the repository, e.g. {@code team} of {@code team/app}. */
    public String project() {
        int slash = repository.indexOf('/');
        return slash < 0 ? repository : repository.substring(0, slash);
    }

    /** The same image without the tag, which identifies it. */
    public ImageCoordinates untagged() {
        return new ImageCoordinates(registry, repository, digest, Optional.empty());
    }
}

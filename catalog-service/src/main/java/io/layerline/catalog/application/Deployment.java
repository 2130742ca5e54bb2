package io.layerline.catalog.application;

import java.time.Instant;

/** An image that runs for a service in an environment, since a successful deployment. */
public record Deployment(String service, String environment, String registry, String repository, String digest,
                         Instant deployedAt) {
}

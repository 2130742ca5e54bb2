package io.layerline.contracts.v1;

/**
 * An image in a registry, identified by its manifest digest.
 *
 * @param registry   host (and port) of the registry, e.g. {@code harbor.example.com}
 * @param repository full repository name inside the registry, e.g. {@code team/app}
 * @param digest     {@code sha256:} + 64 hex digits
 * @param tag        the tag it was referred to by, if any
 */
public record ImageRef(String registry, String repository, String digest, String tag) {
}

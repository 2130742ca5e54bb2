package io.layerline.catalog.domain.graph;

import java.util.Optional;

/**
 * A base image as a Dockerfile names it, normalised the way a Docker client resolves it: {@code eclipse-temurin:17}
 * is {@code docker.io/library/eclipse-temurin:17}; a first component with a dot, a colon or {@code localhost} is a
 * registry. {@code scratch}, or a reference still holding an unsubstituted {@code $ARG}, names no repository.
 */
public record BaseReference(String registry, String repository, String tag, String digest) {

    private static final String DOCKER_HUB = "docker.io";

    public static Optional<BaseReference> parse(String reference) {
        if (reference == null || reference.isBlank() || reference.equals("scratch") || reference.contains("$")) {
            return Optional.empty();
        }
        String rest = reference.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return Optional.of(new BaseReference(registry, rest, tag, digest));
    }

    /** {@code registry/repository}, the name the graph knows repositories by. */
    public String repositoryName() {
        return registry + "/" + repository;
    }
}

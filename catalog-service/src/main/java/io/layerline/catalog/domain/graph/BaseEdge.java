package io.layerline.catalog.domain.graph;

/**
 * An image built on another: {@code child} was built {@code FROM reference}, which resolved to {@code base}.
 *
 * @param finalStage whether the base is the final stage's (the image's parent) rather than a builder stage's
 */
public record BaseEdge(String child, String base, String reference, boolean finalStage) {
}

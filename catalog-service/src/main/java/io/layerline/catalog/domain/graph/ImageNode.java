package io.layerline.catalog.domain.graph;

/** An image in the graph, by digest, with the repository it belongs to. */
public record ImageNode(String digest, String repository) {
}

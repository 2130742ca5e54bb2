package io.layerline.catalog.application;

/** A tag of a repository. */
public record RepositoryTag(String registry, String repository, String tag) {
}

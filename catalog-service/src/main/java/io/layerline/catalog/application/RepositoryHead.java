package io.layerline.catalog.application;

/** The newest image of a repository with what is recorded about it, and its final stage's base as written. */
public record RepositoryHead(String registry, String repository, StoredImage image, String baseReference) {

    public String name() {
        return registry + "/" + repository;
    }
}

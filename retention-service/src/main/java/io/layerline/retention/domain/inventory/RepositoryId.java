package io.layerline.retention.domain.inventory;

/** A repository in a registry. */
public record RepositoryId(String registry, String repository) implements Comparable<RepositoryId> {

    @Override
    public int compareTo(RepositoryId other) {
        int byRegistry = registry.compareTo(other.registry);
        return byRegistry != 0 ? byRegistry : repository.compareTo(other.repository);
    }

    @Override
    public String toString() {
        return registry + "/" + repository;
    }
}

package io.layerline.retention.domain.inventory;

/** An artifact in a registry, by manifest digest. */
public record ArtifactId(String registry, String repository, String digest) implements Comparable<ArtifactId> {

    /** The repository it lives in, the unit retention counts in. */
    public RepositoryId repositoryId() {
        return new RepositoryId(registry, repository);
    }

    /** By registry, repository, then digest: a plan of a million artifacts sorts them without allocating. */
    @Override
    public int compareTo(ArtifactId other) {
        int byRegistry = registry.compareTo(other.registry);
        if (byRegistry != 0) {
            return byRegistry;
        }
        int byRepository = repository.compareTo(other.repository);
        return byRepository != 0 ? byRepository : digest.compareTo(other.digest);
    }

    @Override
    public String toString() {
        return registry + "/" + repository + "@" + digest;
    }
}

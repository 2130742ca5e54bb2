package io.layerline.retention.domain.inventory;

/** An artifact in a registry, by manifest digest. */
public record ArtifactId(String registry, String repository, String digest) implements Comparable<ArtifactId> {

    /** The repository it lives in, the unit retention counts in. */
    public RepositoryId repositoryId() {
        return new RepositoryId(registry, repository);
    }

    @Override
    public int compareTo(ArtifactId other) {
        int byRepository = repositoryId().compareTo(other.repositoryId());
        return byRepository != 0 ? byRepository : digest.compareTo(other.digest);
    }

    @Override
    public String toString() {
        return registry + "/" + repository + "@" + digest;
    }
}

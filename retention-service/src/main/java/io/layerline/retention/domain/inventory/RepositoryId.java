package io.layerline.retention.domain.inventory;

import java.util.Comparator;

/** A repository in a registry. */
public record RepositoryId(String registry, String repository) implements Comparable<RepositoryId> {

    private static final Comparator<RepositoryId> ORDER =
            Comparator.comparing(RepositoryId::registry).thenComparing(RepositoryId::repository);

    @Override
    public int compareTo(RepositoryId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return registry + "/" + repository;
    }
}

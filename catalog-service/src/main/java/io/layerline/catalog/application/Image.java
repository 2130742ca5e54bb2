package io.layerline.catalog.application;

import java.util.Set;
import java.util.stream.Stream;

/** An image as announced, with its provenance when a build announced it. */
public record Image(String registry, String repository, String digest, Set<String> tags, Long size, Integer layerCount,
                    String sourceRepository, String commit, String branch, String author, String ciRunUrl) {

    /** {@code registry/repository}, the name the graph and cascades know repositories by. */
    public String name() {
        return registry + "/" + repository;
    }

    /** Its tags, each as a tag of its repository. */
    public Stream<RepositoryTag> repositoryTags() {
        return tags.stream().map(tag -> new RepositoryTag(registry, repository, tag));
    }
}

package io.layerline.build.domain.build;

/** Where a built image came from, and how long building it took. */
public record Provenance(String sourceRepository, String commit, String branch, String author, String dockerfilePath,
                         long buildDurationMillis) {
}

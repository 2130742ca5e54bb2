package io.layerline.build.application.port;

import io.layerline.build.application.BuildFailure;

import java.nio.file.Path;
import java.time.Instant;

/** Git repositories cloned for builds. */
public interface GitRepositories {

    /** What was checked out. */
    record Checkout(String commit, Instant commitTime) {
    }

    /** Clones {@code ref} of {@code url} into {@code directory}, shallow, under the configured limits. */
    Checkout clone(String url, String ref, Path directory) throws BuildFailure;
}

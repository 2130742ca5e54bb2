package io.layerline.build.domain.build;

/** Where a build's context comes from: a git repository at a ref, or a tar archive uploaded before. */
public sealed interface ContextSource permits ContextSource.Git, ContextSource.Uploaded {

    /** A git repository cloned at {@code ref} (a branch or tag). */
    record Git(String url, String ref) implements ContextSource {
    }

    /** A tar archive stored under its sha256. */
    record Uploaded(String id) implements ContextSource {
    }
}

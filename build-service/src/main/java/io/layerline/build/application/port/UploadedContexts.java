package io.layerline.build.application.port;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/** Tar archives uploaded as build contexts, kept by the sha256 of their bytes. */
public interface UploadedContexts {

    /** Stores an archive; its id, or empty when it is larger than {@code maxBytes}. */
    Optional<String> store(InputStream tar, long maxBytes);

    boolean exists(String id);

    /** Writes the archive to {@code target}; false when there is no such archive. */
    boolean copyTo(String id, Path target);
}

package io.layerline.build.application;

import java.time.Instant;
import java.util.List;

/** What a failed build publishes, in the caller's transaction; a pushed one is an {@link Announcement.Built}. */
public interface BuildEvents {

    /** The base of one stage as built: reference after ARG substitution, digest when resolved. */
    record StageBase(int stageIndex, String stage, String reference, String digest, boolean finalStage) {
    }

    /** Where the built image came from. */
    record Provenance(String sourceRepository, String commit, String branch, String author, String dockerfilePath,
                      long buildDurationMillis) {
    }

    /** A build that failed, and why. */
    record Failure(BuildRecord build, String reason) {
    }

    /** BuildFailed for each failure, in this order. */
    void buildFailed(List<Failure> failures, Instant at);
}

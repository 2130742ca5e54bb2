package io.layerline.build.application;

import io.layerline.build.domain.build.BuildDefinition;

import java.time.Instant;
import java.util.List;

/** The events builds publish, in the caller's transaction. */
public interface BuildEvents {

    /** The base of one stage as built: reference after ARG substitution, digest when resolved. */
    record StageBase(int stageIndex, String stage, String reference, String digest, boolean finalStage) {
    }

    /** Where the built image came from. */
    record Provenance(String sourceRepository, String commit, String branch, String author, String dockerfilePath,
                      long buildDurationMillis) {
    }

    void imageBuilt(BuildDefinition definition, RegistryImages.StoredImage image, List<StageBase> bases,
                    Provenance provenance, Instant at);

    void buildFailed(BuildRecord build, String reason, Instant at);
}

package io.layerline.contracts.v1;

import io.layerline.contracts.ImageEvent;

import java.time.Instant;
import java.util.List;

/**
 * An image was built and pushed; what it is made of and where it came from.
 *
 * @param baseImages one entry per {@code FROM} of the Dockerfile, in stage order; exactly one is the final stage
 * @param efficiency what later layers make dead weight, when it was worked out (optional)
 */
public record ImageBuilt(
        String registry,
        String repository,
        String digest,
        List<String> tags,
        long size,
        List<Layer> layers,
        List<BaseImage> baseImages,
        Provenance provenance,
        Instant builtAt,
        Efficiency efficiency) implements ImageEvent {

    /** A layer of the image, with the Dockerfile instruction that created it when known. */
    public record Layer(String digest, long size, String createdBy) {
    }

    /**
     * The base of one build stage.
     *
     * @param reference  the reference as written after {@code FROM}, after {@code ARG} substitution
     * @param digest     the digest it resolved to at build time; absent for {@code scratch} or when unresolved
     * @param finalStage whether this stage produced the image
     */
    public record BaseImage(int stageIndex, String stage, String reference, String digest, boolean finalStage) {
    }

    /**
     * Bytes of the image's files, and those shipped only to be overwritten or deleted by a later layer.
     *
     * @param totalBytes  uncompressed file bytes of all layers
     * @param wastedBytes the part of them no container sees
     */
    public record Efficiency(long totalBytes, long wastedBytes) {
    }

    /** Where the image came from and who made it. */
    public record Provenance(
            String sourceRepository,
            String commit,
            String branch,
            String author,
            String ciRunUrl,
            String dockerfilePath,
            Long buildDurationMillis) {
    }
}

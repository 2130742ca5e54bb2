package io.layerline.build.application.port;

import io.layerline.build.application.BuildFailure;
import io.layerline.build.application.ImageLayer;
import io.layerline.build.domain.build.SquashOutcome;
import io.layerline.build.domain.efficiency.LayerFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Images as a registry holds them: what a tag resolves to, and a pushed image's layers and labels. */
public interface RegistryImages {

    /** @param size the manifest's layers and config, as stored */
    record StoredImage(String digest, long size, List<ImageLayer> layers, Map<String, String> labels) {
    }

    /**
     * A pushed image to squash onto its base: every layer above the base's merged into one.
     *
     * @param baseReference the final stage's base as the Dockerfile names it; {@code baseDigest} null for scratch
     * @param tags          the tags the squashed image is pushed under
     * @param annotations   for the squashed image's manifest, beside the original history the squash adds
     * @param dropLabel     a label of the pushed image the squashed one does not carry
     * @param scratch       a directory for the merged layer while it is written and uploaded
     */
    record Squash(String registry, String repository, String digest, String baseReference, String baseDigest,
                  List<String> tags, Map<String, String> annotations, String dropLabel, Path scratch) {
    }

    /**
     * @param baseLayers    the base's layers, kept as they are
     * @param layersMerged  the layers above them, merged into the squashed image's last
     * @param history       the pushed image's history before the squash
     */
    record Squashed(String digest, int baseLayers, int layersMerged, List<SquashOutcome.Step> history) {
    }

    /** The digest {@code registry/repository:tag} points to; empty when the registry does not know it or is down. */
    Optional<String> digestOf(String reference);

    /**
     * What the artifact {@code registry/repository@digest} is, by its manifest and the tags it is known by
     * ({@code IMAGE}, {@code INDEX}, {@code SIGNATURE}, {@code SBOM}, {@code HELM_CHART}…); empty when the registry
     * holds no such manifest.
     */
    Optional<String> kindOf(String registry, String repository, String digest, List<String> tags)
            throws BuildFailure;

    /** @throws ImageNotFound when the registry answers that it holds no such image */
    StoredImage read(String registry, String repository, String digest) throws BuildFailure;

    /**
     * Pushes the image squashed onto its base under its tags: the base's layers untouched, the layers above merged
     * into one with their whiteouts applied, the original history kept as an annotation.
     */
    Squashed squashOntoBase(Squash squash) throws BuildFailure;

    /** Deletes a manifest by digest: false when the registry does not allow it or no longer has it. */
    boolean delete(String registry, String repository, String digest);

    /** The entries of a layer's tar archive (gzip or plain), streamed from the registry, never held whole. */
    List<LayerFile> filesOf(String registry, String repository, String layerDigest) throws BuildFailure;
}

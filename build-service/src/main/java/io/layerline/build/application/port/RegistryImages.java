package io.layerline.build.application.port;

import io.layerline.build.application.BuildFailure;
import io.layerline.build.application.ImageLayer;
import io.layerline.build.domain.efficiency.LayerFile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Images as a registry holds them: what a tag resolves to, and a pushed image's layers and labels. */
public interface RegistryImages {

    /** @param size the manifest's layers and config, as stored */
    record StoredImage(String digest, long size, List<ImageLayer> layers, Map<String, String> labels) {
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

    /** The entries of a layer's tar archive (gzip or plain), streamed from the registry, never held whole. */
    List<LayerFile> filesOf(String registry, String repository, String layerDigest) throws BuildFailure;
}

package io.layerline.build.application;

import io.layerline.build.application.port.RegistryImages;
import io.layerline.build.domain.build.OciLabels;
import io.layerline.build.domain.build.Provenance;
import io.layerline.build.domain.build.StageBase;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What CI tells of an image, completed from a registry the service may read: the digest a tag names, and the base
 * and provenance the image's OCI labels record.
 */
@Singleton
public class CiImages {

    private final RegistryImages registry;
    private final ReadableRegistries registries;

    CiImages(RegistryImages registry, ReadableRegistries registries) {
        this.registry = registry;
        this.registries = registries;
    }

    /** The digest {@code host/repository:tag} names; empty when that registry may not be read or does not know it. */
    public Optional<String> digestOf(String host, String repository, String tag) {
        return registries.allows(host) ? registry.digestOf(host + "/" + repository + ":" + tag) : Optional.empty();
    }

    /**
     * The image announced as built, as its registry holds it, when it may be read and names its base — what the
     * catalog needs for its graph; {@code source} is the source repository CI names, used when the image has no label
     * for it.
     */
    public Optional<Announcement> built(String host, String repository, String digest, List<String> tags,
                                        String source, Instant at) {
        if (!registries.allows(host)) {
            return Optional.empty();
        }
        try {
            RegistryImages.StoredImage image = registry.read(host, repository, digest);
            String base = image.labels().get(OciLabels.BASE_NAME);
            if (base == null || base.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Announcement.Built(host, repository, digest, tags, image.size(), image.layers(),
                    List.of(new StageBase(0, null, base, image.labels().get(OciLabels.BASE_DIGEST), true)),
                    new Provenance(image.labels().getOrDefault(OciLabels.SOURCE, source),
                            image.labels().get(OciLabels.REVISION), null, image.labels().get(OciLabels.AUTHORS), null,
                            0), null, at, null));
        } catch (BuildFailure e) {
            return Optional.empty();
        }
    }
}

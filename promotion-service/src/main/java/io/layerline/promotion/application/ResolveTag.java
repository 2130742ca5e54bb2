package io.layerline.promotion.application;

import io.layerline.promotion.application.port.RegistryLabels;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The digest a tag points to, for deployers that name an image by tag alone: asked of the registry labels are applied
 * to, the one registry this service may read.
 */
@Singleton
public class ResolveTag {

    /** The registry could not be asked now. */
    public static class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final RegistryLabels registry;

    ResolveTag(RegistryLabels registry) {
        this.registry = registry;
    }

    /**
     * @return the digest, or empty when {@code registry} is not the one this service reads or holds no such tag
     * @throws Unavailable when the registry could not be asked
     */
    public Optional<String> digestOf(String registry, String repository, String tag) throws Unavailable {
        try {
            return this.registry.digestOf(registry, repository, tag);
        } catch (RegistryLabels.RegistryLabelException e) {
            throw new Unavailable(e.getMessage(), e);
        }
    }
}

package io.layerline.promotion.adapter.out.registry;

import io.layerline.promotion.application.port.RegistryLabels;
import io.layerline.promotion.domain.deployment.ImageCoordinates;
import io.layerline.registry.Manifest;
import io.layerline.registry.RegistryAccess;
import io.layerline.registry.RegistryClient;
import io.layerline.registry.RegistryException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * A plain OCI registry cannot hold labels: the label lives in the ledger, and this adapter also tags the image
 * with a promotion tag ({@code maybe_prod-0b31b1c02ff4} by default) through the shared registry client, with the
 * credentials configured for the registry, by reading its manifest by digest and putting it back under the tag.
 */
@Singleton
@Requires(property = RegistryType.PROPERTY, value = "oci")
class OciPromotionTags implements RegistryLabels {

    /** {@code {label}} and {@code {digest12}}, the first 12 hex digits of the digest, are replaced. */
    static final String DEFAULT_TAG_PATTERN = "{label}-{digest12}";

    private final RegistryClient client;
    private final String tagPattern;

    OciPromotionTags(@Value("${layerline.promotion.registry.oci.url}") String url,
                     @Nullable @Value("${layerline.promotion.registry.oci.username:}") String username,
                     @Nullable @Value("${layerline.promotion.registry.oci.password:}") String password,
                     @Nullable @Value("${layerline.promotion.registry.oci.ca-certificate:}") String caCertificate,
                     @Value("${layerline.promotion.registry.oci.tag-pattern}") String tagPattern) {
        this.client = new RegistryClient(RegistryAccess.configured(url, username, password, caCertificate,
                Duration.ofSeconds(30)));
        this.tagPattern = tagPattern.isBlank() ? DEFAULT_TAG_PATTERN : tagPattern;
    }

    @Override
    public boolean handles(String registry) {
        return client.access().names(registry);
    }

    @Override
    public Optional<String> digestOf(String registry, String repository, String tag) throws RegistryLabelException {
        if (!handles(registry)) {
            return Optional.empty();
        }
        try {
            return client.digest(repository, tag);
        } catch (RegistryException e) {
            throw new RegistryLabelException("resolving " + repository + ":" + tag + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void apply(ImageCoordinates image, String label) throws RegistryLabelException {
        String tag = promotionTag(label, image.digest());
        try {
            Manifest manifest = client.manifest(image.repository(), image.digest()).orElseThrow(() ->
                    new RegistryLabelException(image.repository() + "@" + image.digest() + " is not in the registry"));
            client.putManifest(image.repository(), tag, manifest.mediaType(), manifest.bytes());
        } catch (RegistryException e) {
            throw new RegistryLabelException("tagging " + image.repository() + ":" + tag + " failed: "
                    + e.getMessage(), e);
        }
    }

    String promotionTag(String label, String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return tagPattern.replace("{label}", label).replace("{digest12}", hex.substring(0, 12));
    }
}

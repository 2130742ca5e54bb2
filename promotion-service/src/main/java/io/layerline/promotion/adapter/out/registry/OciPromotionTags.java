package io.layerline.promotion.adapter.out.registry;

import io.layerline.promotion.application.RegistryLabels;
import io.layerline.promotion.domain.deployment.ImageCoordinates;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain OCI registry cannot hold labels: the label lives in the ledger, and this adapter also tags the image
 * with a promotion tag ({@code maybe_prod-0b31b1c02ff4} by default) through the distribution API, by reading its
 * manifest by digest and putting it back under the tag.
 */
@Singleton
@Requires(property = RegistryType.PROPERTY, value = "oci")
class OciPromotionTags implements RegistryLabels {

    static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");

    /** {@code {label}} and {@code {digest12}}, the first 12 hex digits of the digest, are replaced. */
    static final String DEFAULT_TAG_PATTERN = "{label}-{digest12}";

    private final URI url;
    private final String tagPattern;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OciPromotionTags(@Value("${layerline.promotion.registry.oci.url}") URI url,
                     @Value("${layerline.promotion.registry.oci.tag-pattern:}") String tagPattern) {
        this.url = url;
        this.tagPattern = tagPattern.isBlank() ? DEFAULT_TAG_PATTERN : tagPattern;
    }

    @Override
    public boolean handles(String registry) {
        return registry.equalsIgnoreCase(url.getAuthority());
    }

    @Override
    public void apply(ImageCoordinates image, String label) throws RegistryLabelException {
        String tag = promotionTag(label, image.digest());
        try {
            HttpResponse<byte[]> manifest = http.send(HttpRequest.newBuilder(manifestUri(image, image.digest()))
                    .header("Accept", MANIFEST_TYPES).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (manifest.statusCode() != 200) {
                throw new RegistryLabelException("reading the manifest of " + image.repository() + "@" + image.digest()
                        + " answered " + manifest.statusCode());
            }
            String mediaType = manifest.headers().firstValue("Content-Type")
                    .orElseThrow(() -> new RegistryLabelException("the manifest came without a media type"));
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(manifestUri(image, tag))
                    .header("Content-Type", mediaType).timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() != 201) {
                throw new RegistryLabelException("tagging " + image.repository() + ":" + tag + " answered "
                        + put.statusCode() + ": " + put.body());
            }
        } catch (IOException e) {
            throw new RegistryLabelException("registry " + url + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryLabelException("interrupted", e);
        }
    }

    String promotionTag(String label, String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return tagPattern.replace("{label}", label).replace("{digest12}", hex.substring(0, 12));
    }

    private URI manifestUri(ImageCoordinates image, String reference) {
        return url.resolve("/v2/" + image.repository() + "/manifests/" + reference);
    }
}

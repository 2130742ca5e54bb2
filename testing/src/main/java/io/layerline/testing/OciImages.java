package io.layerline.testing;

import io.layerline.contracts.v1.ImagePushed;
import io.layerline.registry.Manifest;
import io.layerline.registry.RegistryAccess;
import io.layerline.registry.RegistryClient;
import io.layerline.registry.RegistryException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes small real images to an anonymous OCI registry (blob uploads, then the manifest), and reads back what the
 * registry holds: for tests that need images in a registry without a Docker engine. Goes through the shared
 * registry client; {@link SupplyChainImages} pushes the larger shapes (shared layers, indexes, signatures).
 */
public final class OciImages {

    public static final String MANIFEST_TYPE = Manifest.OCI_MANIFEST;

    private final RegistryClient client;

    public OciImages(URI registry) {
        this.client = new RegistryClient(RegistryAccess.anonymous(registry));
    }

    /** Pushes an image with one layer holding {@code content}, tagged {@code tag}; its manifest digest. */
    public String push(String repository, String tag, String content) {
        return push(repository, tag, content, Map.of());
    }

    /** Pushes an image whose config carries {@code labels}, with one layer holding {@code content}. */
    public String push(String repository, String tag, String content, Map<String, String> labels) {
        StringBuilder labelJson = new StringBuilder();
        labels.forEach((key, value) -> labelJson.append(labelJson.isEmpty() ? "" : ",").append('"').append(key)
                .append("\":\"").append(value).append('"'));
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{" + labelJson
                + "}},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[]},\"history\":[{\"created_by\":\"layerline test: " + content + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = content.getBytes(StandardCharsets.UTF_8);
        try {
            String configDigest = client.pushBlob(repository, config);
            String layerDigest = client.pushBlob(repository, layer);
            String manifest = """
                    {"schemaVersion":2,"mediaType":"%s",
                     "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},
                     "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d}]}"""
                    .formatted(MANIFEST_TYPE, configDigest, config.length, layerDigest, layer.length);
            return client.putManifest(repository, tag, MANIFEST_TYPE, manifest.getBytes(StandardCharsets.UTF_8));
        } catch (RegistryException e) {
            throw new IllegalStateException("cannot push " + repository + ":" + tag, e);
        }
    }

    /**
     * Pushes {@code count} images to {@code repository} (tags {@code old-0} …) and announces each on the test broker
     * as pushed to {@code registryHost} {@code age} ago and never deployed: what a retention policy prunes. Their
     * digests, in order.
     */
    public List<String> pushOld(String registryHost, String repository, int count, Duration age) {
        List<String> digests = new ArrayList<>();
        try (EventStream events = EventStream.onTestBroker()) {
            for (int i = 0; i < count; i++) {
                String digest = push(repository, "old-" + i, repository + " " + i);
                digests.add(digest);
                events.publish(new ImagePushed(registryHost, repository, digest, List.of("old-" + i), 100L,
                        MANIFEST_TYPE, null, "ci", Instant.now().minus(age)));
            }
        }
        return digests;
    }

    /**
     * The tags of a repository, empty when it does not exist. The registry may list a tag a moment before it
     * resolves: wait on {@link #digestOf} to know a tag is usable.
     */
    public List<String> tags(String repository) {
        try {
            return client.tags(repository);
        } catch (RegistryException e) {
            throw new IllegalStateException("cannot list the tags of " + repository, e);
        }
    }

    /** The digest a tag points at, if the tag exists (and the registry answers at all: empty on a 5xx). */
    public Optional<String> digestOf(String repository, String reference) {
        try {
            return client.digest(repository, reference);
        } catch (RegistryException e) {
            if (e.status() != 0) {
                return Optional.empty();
            }
            throw new IllegalStateException("registry cannot be reached to resolve " + repository + ":" + reference,
                    e);
        }
    }

    public static String sha256(byte[] content) {
        return RegistryClient.sha256(content);
    }
}

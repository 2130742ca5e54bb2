package io.layerline.testing;

import io.layerline.registry.Manifest;
import io.layerline.registry.RegistryClient;
import io.layerline.registry.RegistryException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Pushes what a signing company's registry holds, in the shapes the tools that write them use:
 * <ul>
 *   <li>images of several layers, sharing layers with each other;</li>
 *   <li>multi-arch indexes whose platform manifests carry no tag;</li>
 *   <li>cosign signatures and attestations in cosign's tag scheme ({@code sha256-<hex>.sig|.att}), as cosign's
 *       {@code pkg/oci/remote/remote.go} names them and {@code pkg/oci/static/signature.go} and
 *       {@code pkg/oci/empty/empty.go} build them: an OCI manifest with an image config whose {@code diff_ids} name
 *       the payload, and one layer of {@code application/vnd.dev.cosign.simplesigning.v1+json} (or
 *       {@code application/vnd.dsse.envelope.v1+json}, {@code pkg/types/payload.go}) annotated with the
 *       signature;</li>
 *   <li>an OCI 1.1 SBOM as ORAS packs it ({@code pack.go}, {@code packManifestV1_1}): {@code artifactType}, the
 *       empty config {@code application/vnd.oci.empty.v1+json}, a {@code subject}; and, for a registry without the
 *       referrers API, the index tagged {@code sha256-<hex>} that lists it ({@code registry/remote/referrers.go},
 *       {@code buildReferrersTag}).</li>
 * </ul>
 * Every push goes through the shared {@link RegistryClient}, so a test of a registry with credentials pushes with
 * them.
 */
public final class SupplyChainImages {

    /** A manifest in the registry and the blobs it names, digest to size. */
    public record Pushed(String digest, String mediaType, long size, Map<String, Long> blobs) {

        /** The descriptor another manifest uses to name this one. */
        String descriptor() {
            return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
        }
    }

    private final RegistryClient client;

    public SupplyChainImages(RegistryClient client) {
        this.client = client;
    }

    /** Content that compresses like a real layer does not: random bytes from a seed. */
    public static byte[] layer(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** An image of {@code layers} for {@code linux/<architecture>}, tagged when {@code tag} is not null. */
    public Pushed image(String repository, String tag, String architecture, List<byte[]> layers)
            throws RegistryException {
        Map<String, Long> blobs = new LinkedHashMap<>();
        List<String> layerDescriptors = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (byte[] layer : layers) {
            String digest = client.pushBlob(repository, layer);
            blobs.put(digest, (long) layer.length);
            diffIds.add("\"" + digest + "\"");
            layerDescriptors.add("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                    + digest + "\",\"size\":" + layer.length + "}");
        }
        byte[] config = ("{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"created\":\"2026-11-30T10:00:00Z\","
                + "\"config\":{\"Labels\":{\"org.opencontainers.image.ref.name\":\"" + (tag == null ? architecture : tag)
                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]},"
                + "\"history\":[{\"created_by\":\"layerline test " + repository + " " + tag + " " + architecture
                + "\"}]}").getBytes(StandardCharsets.UTF_8);
        String configDigest = client.pushBlob(repository, config);
        Map<String, Long> all = new LinkedHashMap<>();
        all.put(configDigest, (long) config.length);
        all.putAll(blobs);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_MANIFEST + "\",\"config\":{"
                + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[" + String.join(",", layerDescriptors) + "]}";
        return put(repository, tag, Manifest.OCI_MANIFEST, manifest, all);
    }

    /** A multi-arch index of {@code children} (each {@code linux/<architecture>} in order), tagged {@code tag}. */
    public Pushed index(String repository, String tag, List<Pushed> children, List<String> architectures)
            throws RegistryException {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            Pushed child = children.get(i);
            entries.add("{\"mediaType\":\"" + child.mediaType() + "\",\"digest\":\"" + child.digest() + "\",\"size\":"
                    + child.size() + ",\"platform\":{\"architecture\":\"" + architectures.get(i)
                    + "\",\"os\":\"linux\"}}");
        }
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_INDEX + "\",\"manifests\":["
                + String.join(",", entries) + "]}";
        return put(repository, tag, Manifest.OCI_INDEX, index, Map.of());
    }

    /** A cosign signature of {@code subject}, tagged {@code sha256-<hex>.sig}. */
    public Pushed cosignSignature(String repository, Pushed subject) throws RegistryException {
        String payload = "{\"critical\":{\"identity\":{\"docker-reference\":\"" + repository + "\"},\"image\":{"
                + "\"docker-manifest-digest\":\"" + subject.digest() + "\"},\"type\":\"cosign container image "
                + "signature\"},\"optional\":null}";
        String signature = Base64.getEncoder().encodeToString(("signature of " + subject.digest())
                .getBytes(StandardCharsets.UTF_8));
        return cosign(repository, subject, "sig", "application/vnd.dev.cosign.simplesigning.v1+json", payload,
                "\"dev.cosignproject.cosign/signature\":\"" + signature + "\"");
    }

    /** A cosign SLSA provenance attestation of {@code subject}, tagged {@code sha256-<hex>.att}. */
    public Pushed cosignAttestation(String repository, Pushed subject) throws RegistryException {
        String statement = Base64.getEncoder().encodeToString(("{\"_type\":\"https://in-toto.io/Statement/v0.1\","
                + "\"predicateType\":\"https://slsa.dev/provenance/v0.2\",\"subject\":[{\"name\":\"" + repository
                + "\",\"digest\":{\"sha256\":\"" + subject.digest().substring(7) + "\"}}],\"predicate\":{}}")
                .getBytes(StandardCharsets.UTF_8));
        String envelope = "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"" + statement
                + "\",\"signatures\":[{\"keyid\":\"\",\"sig\":\"MEUCIQ==\"}]}";
        return cosign(repository, subject, "att", "application/vnd.dsse.envelope.v1+json", envelope,
                "\"dev.cosignproject.cosign/signature\":\"\",\"predicateType\":\"https://slsa.dev/provenance/v0.2\"");
    }

    /**
     * An SPDX SBOM of {@code subject} as an OCI 1.1 referrer, and the {@code sha256-<hex>} referrers index that lists
     * it on a registry without the referrers API: the SBOM first, then that index.
     */
    public List<Pushed> sbom(String repository, Pushed subject) throws RegistryException {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        String emptyDigest = client.pushBlob(repository, empty);
        byte[] document = ("{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"" + repository
                + "@" + subject.digest() + "\",\"packages\":[]}").getBytes(StandardCharsets.UTF_8);
        String documentDigest = client.pushBlob(repository, document);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_MANIFEST + "\","
                + "\"artifactType\":\"application/spdx+json\",\"config\":{\"mediaType\":\"" + Manifest.EMPTY_CONFIG
                + "\",\"digest\":\"" + emptyDigest + "\",\"size\":2,\"data\":\"e30=\"},\"layers\":[{\"mediaType\":"
                + "\"application/spdx+json\",\"digest\":\"" + documentDigest + "\",\"size\":" + document.length
                + ",\"annotations\":{\"org.opencontainers.image.title\":\"sbom.spdx.json\"}}],\"subject\":"
                + subject.descriptor() + ",\"annotations\":{\"org.opencontainers.image.created\":"
                + "\"2026-11-30T10:05:00Z\"}}";
        Pushed sbom = put(repository, null, Manifest.OCI_MANIFEST, manifest,
                Map.of(emptyDigest, 2L, documentDigest, (long) document.length));
        String referrers = "{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_INDEX + "\",\"manifests\":[{"
                + "\"mediaType\":\"" + Manifest.OCI_MANIFEST + "\",\"digest\":\"" + sbom.digest() + "\",\"size\":"
                + sbom.size() + ",\"artifactType\":\"application/spdx+json\"}]}";
        Pushed index = put(repository, RegistryClient.referrersTag(subject.digest()), Manifest.OCI_INDEX, referrers,
                Map.of());
        return List.of(sbom, index);
    }

    private Pushed cosign(String repository, Pushed subject, String suffix, String layerType, String payload,
                          String annotations) throws RegistryException {
        byte[] layer = payload.getBytes(StandardCharsets.UTF_8);
        String layerDigest = client.pushBlob(repository, layer);
        byte[] config = ("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":"
                + "\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + layerDigest + "\"]},\"config\":{}}").getBytes(StandardCharsets.UTF_8);
        String configDigest = client.pushBlob(repository, config);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + Manifest.OCI_MANIFEST + "\",\"config\":{"
                + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length
                + ",\"digest\":\"" + configDigest + "\"},\"layers\":[{\"mediaType\":\"" + layerType + "\",\"size\":"
                + layer.length + ",\"digest\":\"" + layerDigest + "\",\"annotations\":{" + annotations + "}}]}";
        return put(repository, RegistryClient.referrersTag(subject.digest()) + "." + suffix, Manifest.OCI_MANIFEST,
                manifest, Map.of(configDigest, (long) config.length, layerDigest, (long) layer.length));
    }

    private Pushed put(String repository, String tag, String mediaType, String manifest, Map<String, Long> blobs)
            throws RegistryException {
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        String digest = RegistryClient.sha256(bytes);
        client.putManifest(repository, tag == null ? digest : tag, mediaType, bytes);
        return new Pushed(digest, mediaType, bytes.length, blobs);
    }
}

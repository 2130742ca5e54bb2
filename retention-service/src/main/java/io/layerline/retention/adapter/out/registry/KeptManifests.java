package io.layerline.retention.adapter.out.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.layerline.registry.ArtifactKind;
import io.layerline.registry.Descriptor;
import io.layerline.registry.Manifest;
import io.layerline.registry.RegistryClient;
import io.layerline.retention.application.port.RegistryArtifacts;
import io.layerline.retention.domain.inventory.ArtifactId;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The undo window through the distribution API, for any registry that serves it (Harbor does beside its own API):
 * keeps a manifest, its index's children, its referrers and cosign's accessories before a deletion, holds their blobs
 * with an untagged keeper manifest that garbage collection respects, and puts them back.
 */
final class KeptManifests {

    /** The {@code artifactType} of keeper manifests; the annotation names the artifact each keeps. */
    static final String KEEPER_TYPE = "application/vnd.layerline.retention.kept.v1";
    static final String KEEPER_ANNOTATION = "dev.layerline.retention.kept";

    private final ObjectMapper json = new ObjectMapper();
    private final RegistryClient client;

    KeptManifests(RegistryClient client) {
        this.client = client;
    }

    Optional<RegistryArtifacts.Kept> keep(ArtifactId artifact, Set<String> knownTags, Optional<String> subject)
            throws io.layerline.registry.RegistryException, IOException {
        String repository = artifact.repository();
        Optional<Manifest> read = client.manifest(repository, artifact.digest());
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Manifest manifest = read.get();
        Set<String> tags = new TreeSet<>(knownTags);
        if (subject.isPresent()) {
            for (String tag : cosignTags(subject.get())) {
                if (client.digest(repository, tag).filter(artifact.digest()::equals).isPresent()) {
                    tags.add(tag);
                }
            }
        }
        Map<String, RegistryArtifacts.KeptManifest> kept = new LinkedHashMap<>();
        List<Manifest> blobsOf = new ArrayList<>();
        for (Descriptor child : manifest.children()) {
            Optional<Manifest> childManifest = client.manifest(repository, child.digest());
            if (childManifest.isPresent()) {
                kept.putIfAbsent(child.digest(), kept(childManifest.get(), Set.of()));
                blobsOf.add(childManifest.get());
            }
        }
        kept.put(manifest.digest(), kept(manifest, tags));
        blobsOf.add(manifest);
        Map<String, Set<String>> accessories = new LinkedHashMap<>();
        client.referrers(repository, artifact.digest()).forEach(referrer ->
                accessories.put(referrer.digest(), Set.of()));
        for (String tag : cosignTags(artifact.digest())) {
            client.digest(repository, tag).ifPresent(digest -> accessories.put(digest, Set.of(tag)));
        }
        for (Map.Entry<String, Set<String>> accessory : accessories.entrySet()) {
            if (!kept.containsKey(accessory.getKey())) {
                Optional<Manifest> accessoryManifest = client.manifest(repository, accessory.getKey());
                if (accessoryManifest.isPresent()) {
                    kept.put(accessory.getKey(), kept(accessoryManifest.get(), accessory.getValue()));
                    blobsOf.add(accessoryManifest.get());
                }
            }
        }
        String refersTo = manifest.subject().map(Descriptor::digest).or(() -> ArtifactKind.subjectOfTags(tags))
                .or(() -> subject).orElse(null);
        return Optional.of(new RegistryArtifacts.Kept(keeper(artifact, blobsOf), refersTo,
                manifest.children().stream().map(Descriptor::digest).toList(), List.copyOf(kept.values())));
    }

    RegistryArtifacts.Restored restore(ArtifactId artifact, RegistryArtifacts.Kept kept)
            throws io.layerline.registry.RegistryException, IOException, RegistryArtifacts.RegistryException {
        String repository = artifact.repository();
        for (RegistryArtifacts.KeptManifest manifest : kept.manifests()) {
            Manifest parsed = new Manifest(manifest.digest(), manifest.mediaType(), manifest.content(),
                    json.readTree(manifest.content()));
            for (Descriptor blob : parsed.blobs()) {
                if (!client.hasBlob(repository, blob.digest())) {
                    throw new RegistryArtifacts.RegistryException("blob " + blob.digest() + " of "
                            + manifest.digest() + " is gone from " + client.access().host() + "/" + repository
                            + ": garbage collection freed it");
                }
            }
        }
        for (RegistryArtifacts.KeptManifest manifest : kept.manifests()) {
            client.putManifest(repository, manifest.digest(), manifest.mediaType(), manifest.content());
        }
        List<String> tags = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (RegistryArtifacts.KeptManifest manifest : kept.manifests()) {
            for (String tag : manifest.tags().stream().sorted().toList()) {
                Optional<String> now = client.digest(repository, tag);
                if (now.isEmpty() || now.get().equals(manifest.digest())) {
                    client.putManifest(repository, tag, manifest.mediaType(), manifest.content());
                    if (manifest.digest().equals(artifact.digest())) {
                        tags.add(tag);
                    }
                } else {
                    left.add(tag + " (it names " + now.get() + " now)");
                }
            }
        }
        return new RegistryArtifacts.Restored(tags, left);
    }

    /** The tags cosign and the OCI referrers tag schema give what refers to {@code digest}. */
    private static List<String> cosignTags(String digest) {
        String schemaTag = RegistryClient.referrersTag(digest);
        return List.of(schemaTag, schemaTag + ".sig", schemaTag + ".att", schemaTag + ".sbom");
    }

    void release(ArtifactId keeper) throws io.layerline.registry.RegistryException {
        client.deleteManifest(keeper.repository(), keeper.digest());
    }

    /** A call through the registry client. */
    interface Call<T> {
        T call() throws io.layerline.registry.RegistryException, IOException, RegistryArtifacts.RegistryException;
    }

    /** Runs a call with the client's errors in the application's terms; an unreadable answer is a refusal. */
    static <T> T translated(Call<T> call) throws RegistryArtifacts.RegistryException {
        try {
            return call.call();
        } catch (io.layerline.registry.RegistryException e) {
            throw RegistryErrors.translated(e);
        } catch (IOException e) {
            throw new RegistryArtifacts.RegistryException("the registry answered something unreadable: "
                    + e.getMessage(), e);
        }
    }

    private static RegistryArtifacts.KeptManifest kept(Manifest manifest, Set<String> tags) {
        return new RegistryArtifacts.KeptManifest(manifest.digest(), manifest.mediaType().isEmpty()
                ? manifest.json().path("mediaType").asText(Manifest.OCI_MANIFEST) : manifest.mediaType(),
                manifest.bytes(), tags);
    }

    /** Pushes the untagged manifest that names every blob of these manifests; its digest, or null for none. */
    private String keeper(ArtifactId artifact, List<Manifest> manifests)
            throws io.layerline.registry.RegistryException, IOException {
        Map<String, Descriptor> blobs = new LinkedHashMap<>();
        manifests.forEach(manifest -> manifest.blobs().forEach(blob -> blobs.putIfAbsent(blob.digest(), blob)));
        if (blobs.isEmpty()) {
            return null;
        }
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        String emptyDigest = client.pushBlob(artifact.repository(), empty);
        ObjectNode keeper = json.createObjectNode();
        keeper.put("schemaVersion", 2);
        keeper.put("mediaType", Manifest.OCI_MANIFEST);
        keeper.put("artifactType", KEEPER_TYPE);
        ObjectNode config = keeper.putObject("config");
        config.put("mediaType", Manifest.EMPTY_CONFIG);
        config.put("digest", emptyDigest);
        config.put("size", empty.length);
        ArrayNode layers = keeper.putArray("layers");
        for (Descriptor blob : blobs.values()) {
            ObjectNode layer = layers.addObject();
            layer.put("mediaType", blob.mediaType().isEmpty() ? "application/octet-stream" : blob.mediaType());
            layer.put("digest", blob.digest());
            layer.put("size", blob.size());
        }
        keeper.putObject("annotations").put(KEEPER_ANNOTATION, artifact.digest());
        byte[] bytes = json.writeValueAsBytes(keeper);
        return client.putManifest(artifact.repository(), RegistryClient.sha256(bytes), Manifest.OCI_MANIFEST, bytes);
    }
}

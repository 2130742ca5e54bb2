package io.layerline.retention.adapter.out.registry;

import io.layerline.registry.Descriptor;
import io.layerline.registry.Manifest;
import io.layerline.registry.RegistryAccess;
import io.layerline.registry.RegistryClient;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.ArtifactKind;
import io.layerline.retention.domain.inventory.Structure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Any OCI registry through the distribution API, with the credentials configured for it: lists repositories and
 * tags, reads every tagged manifest, the manifests its indexes name and its referrers (the referrers API, or the
 * {@code sha256-<hex>} tag schema), and deletes manifests by digest.
 */
final class OciRegistry implements UndoableRegistry {

    private final RegistryClient client;
    private final KeptManifests kept;

    OciRegistry(RegistryAccess access) {
        this.client = new RegistryClient(access);
        this.kept = new KeptManifests(client);
    }

    @Override
    public boolean handles(String registry) {
        return client.access().names(registry);
    }

    @Override
    public String registry() {
        return client.access().host();
    }

    @Override
    public boolean delete(ArtifactId artifact) throws RegistryException {
        try {
            return client.deleteManifest(artifact.repository(), artifact.digest());
        } catch (io.layerline.registry.RegistryException e) {
            throw RegistryErrors.translated(e);
        }
    }

    @Override
    public KeptManifests keptManifests() {
        return kept;
    }

    @Override
    public List<String> repositories() throws RegistryException {
        try {
            return client.repositories();
        } catch (io.layerline.registry.RegistryException e) {
            throw RegistryErrors.translated(e);
        }
    }

    @Override
    public List<Listed> artifacts(String repository) throws RegistryException {
        try {
            Map<String, Manifest> manifests = new LinkedHashMap<>();
            Map<String, Set<String>> tags = new LinkedHashMap<>();
            for (String tag : client.tags(repository)) {
                Optional<Manifest> manifest = client.manifest(repository, tag);
                if (manifest.isPresent()) {
                    manifests.putIfAbsent(manifest.get().digest(), manifest.get());
                    tags.computeIfAbsent(manifest.get().digest(), digest -> new TreeSet<>()).add(tag);
                }
            }
            Deque<String> toFollow = new ArrayDeque<>(manifests.keySet());
            while (!toFollow.isEmpty()) {
                String digest = toFollow.poll();
                Manifest manifest = manifests.get(digest);
                Set<String> named = new LinkedHashSet<>();
                manifest.children().forEach(child -> named.add(child.digest()));
                if (io.layerline.registry.ArtifactKind.ofTags(tags.getOrDefault(digest, Set.of()))
                        != io.layerline.registry.ArtifactKind.REFERRERS) {
                    client.referrers(repository, digest).forEach(referrer -> named.add(referrer.digest()));
                }
                for (String other : named) {
                    if (!manifests.containsKey(other)) {
                        Optional<Manifest> read = client.manifest(repository, other);
                        if (read.isPresent()) {
                            manifests.put(other, read.get());
                            toFollow.add(other);
                        }
                    }
                }
            }
            List<Listed> listed = new ArrayList<>();
            manifests.forEach((digest, manifest) -> {
                Set<String> tagsOf = tags.getOrDefault(digest, Set.of());
                Structure structure = structure(manifest, tagsOf);
                listed.add(new Listed(digest, tagsOf,
                        structure.blobs().values().stream().mapToLong(Long::longValue).sum(), structure, false,
                        Optional.empty()));
            });
            return listed;
        } catch (io.layerline.registry.RegistryException e) {
            throw RegistryErrors.translated(e);
        }
    }

    private static Structure structure(Manifest manifest, Set<String> tags) {
        Optional<String> artifactType = manifest.isIndex() ? Optional.empty() : manifest.artifactType();
        ArtifactKind kind = RegistryKinds.of(io.layerline.registry.ArtifactKind.of(manifest, tags));
        Optional<String> subject = manifest.subject().map(Descriptor::digest)
                .or(() -> io.layerline.registry.ArtifactKind.subjectOfTags(tags));
        Map<String, Long> blobs = new LinkedHashMap<>();
        manifest.blobs().forEach(blob -> blobs.put(blob.digest(), blob.size()));
        Set<String> children = new LinkedHashSet<>();
        manifest.children().forEach(child -> children.add(child.digest()));
        return new Structure(kind, artifactType, subject, children, blobs, true);
    }
}

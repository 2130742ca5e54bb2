package io.layerline.build.adapter.out.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.build.application.BuildFailure;
import io.layerline.build.application.ImageLayer;
import io.layerline.build.application.ImageNotFound;
import io.layerline.build.application.PushRegistry;
import io.layerline.build.application.port.RegistryImages;
import io.layerline.build.domain.efficiency.LayerFile;
import io.layerline.build.domain.reference.ImageReference;
import io.layerline.registry.ArtifactKind;
import io.layerline.registry.Descriptor;
import io.layerline.registry.Manifest;
import io.layerline.registry.RegistryAccess;
import io.layerline.registry.RegistryClient;
import io.layerline.registry.RegistryException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves tags and reads manifests, configs and layers through the shared registry client: the configured registry
 * with its credentials and CA (over the scheme its URL says), any other over HTTPS, anonymously, with the tokens it
 * hands out to anyone (Docker Hub, GHCR, Quay for public images).
 */
@Singleton
class OciRegistryClient implements RegistryImages {

    private static final Logger LOG = LoggerFactory.getLogger(OciRegistryClient.class);
    /** Registries named in Dockerfiles are a few; past this many, clients (and their cached tokens) start again. */
    private static final int MAX_CLIENTS = 64;

    private final ObjectMapper json = new ObjectMapper();
    private final RegistryAccess configured;
    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

    OciRegistryClient(PushRegistry registry) {
        this.configured = registry.host().isEmpty() ? null : RegistryAccess.configured(registry.url(),
                registry.username(), registry.password(), registry.caCertificate(), Duration.ofSeconds(30));
    }

    @Override
    public Optional<String> digestOf(String reference) {
        try {
            ImageReference parsed = ImageReference.parse(reference);
            if (parsed.digest().isPresent()) {
                return parsed.digest();
            }
            return client(parsed.registry()).digest(parsed.repository(), parsed.tag().orElse("latest"));
        } catch (RegistryException | RuntimeException e) {
            LOG.debug("Cannot resolve {}: {}", reference, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> kindOf(String registry, String repository, String digest, List<String> tags)
            throws BuildFailure {
        try {
            return client(registry).manifest(repository, digest).map(manifest -> ArtifactKind.of(manifest, tags).name());
        } catch (RegistryException e) {
            throw new BuildFailure("cannot read " + registry + "/" + repository + "@" + digest + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public StoredImage read(String registry, String repository, String digest) throws BuildFailure {
        try {
            RegistryClient client = client(registry);
            Manifest manifest = client.manifest(repository, digest).orElseThrow(() ->
                    new ImageNotFound(registry + "/" + repository + "@" + digest + " is not in the registry"));
            if (manifest.isIndex()) {
                String platform = platformManifest(manifest);
                manifest = client.manifest(repository, platform).orElseThrow(() -> new ImageNotFound(
                        registry + "/" + repository + "@" + platform + " is not in the registry"));
            }
            Descriptor configDescriptor = manifest.config().orElseThrow(() -> new BuildFailure(
                    registry + "/" + repository + "@" + digest + " has no config: it is not an image"));
            JsonNode config;
            try (InputStream blob = client.blob(repository, configDescriptor.digest())) {
                config = json.readTree(blob);
            }
            List<String> createdBy = new ArrayList<>();
            for (JsonNode entry : config.path("history")) {
                if (!entry.path("empty_layer").asBoolean(false)) {
                    createdBy.add(entry.path("created_by").asText(null));
                }
            }
            List<ImageLayer> layers = new ArrayList<>();
            long size = configDescriptor.size();
            List<Descriptor> layerDescriptors = manifest.layers();
            for (int i = 0; i < layerDescriptors.size(); i++) {
                Descriptor layer = layerDescriptors.get(i);
                size += layer.size();
                layers.add(new ImageLayer(layer.digest(), layer.size(),
                        i < createdBy.size() ? createdBy.get(i) : null));
            }
            Map<String, String> labels = new HashMap<>();
            config.path("config").path("Labels").fields()
                    .forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            return new StoredImage(digest, size, layers, labels);
        } catch (RegistryException | IOException e) {
            throw new BuildFailure("cannot read " + registry + "/" + repository + "@" + digest + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<LayerFile> filesOf(String registry, String repository, String layerDigest)
            throws BuildFailure {
        try (InputStream body = new BufferedInputStream(client(registry).blob(repository, layerDigest), 65_536)) {
            return LayerArchive.entries(body);
        } catch (RegistryException | IOException e) {
            throw new BuildFailure("cannot read layer " + layerDigest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Squashed squashOntoBase(Squash squash) throws BuildFailure {
        try {
            LayerSquash layers = new LayerSquash(json, client(squash.registry()), this::client);
            LayerSquash.BaseImage base = null;
            if (squash.baseDigest() != null) {
                ImageReference reference = ImageReference.parse(squash.baseReference());
                base = layers.base(reference.registry(), reference.repository(), squash.baseDigest());
            }
            return layers.squash(squash, base);
        } catch (RegistryException | IOException e) {
            throw new BuildFailure("cannot squash " + squash.registry() + "/" + squash.repository() + "@"
                    + squash.digest() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String registry, String repository, String digest) {
        try {
            return client(registry).deleteManifest(repository, digest);
        } catch (RegistryException e) {
            LOG.info("Cannot delete {}/{}@{}: {}", registry, repository, digest, e.getMessage());
            return false;
        }
    }

    /** The linux/amd64 manifest of an index, else its first. */
    static String platformManifest(Manifest index) {
        return index.children().stream().filter(child -> child.platform().equals(Optional.of("linux/amd64")))
                .findFirst().or(() -> index.children().stream().findFirst())
                .map(Descriptor::digest).orElse("");
    }

    private RegistryClient client(String registry) {
        String host = registry.toLowerCase(Locale.ROOT);
        if (clients.size() >= MAX_CLIENTS && !clients.containsKey(host)) {
            clients.clear();
        }
        return clients.computeIfAbsent(host, key -> configured != null && configured.names(key)
                ? new RegistryClient(configured)
                : new RegistryClient(RegistryAccess.anonymous(URI.create("https://"
                + (key.equals(ImageReference.DEFAULT_REGISTRY) ? "registry-1.docker.io" : key)))));
    }
}

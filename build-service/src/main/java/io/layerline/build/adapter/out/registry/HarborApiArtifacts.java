package io.layerline.build.adapter.out.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.build.application.HarborSettings;
import io.layerline.build.application.port.HarborArtifacts;
import io.layerline.registry.ArtifactKind;
import io.layerline.registry.HarborClient;
import io.layerline.registry.Manifest;
import io.layerline.registry.RegistryAccess;
import io.layerline.registry.RegistryException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Harbor v2.0's view of an artifact: {@code GET …/artifacts/{digest}} for its {@code type}, {@code artifact_type} (or
 * config {@code media_type}) and references, and {@code …/artifacts/{digest}/tags}, pages of 100, for every tag; the
 * repository name URL-encoded twice, through the shared Harbor client.
 */
@Singleton
class HarborApiArtifacts implements HarborArtifacts {

    private static final Logger LOG = LoggerFactory.getLogger(HarborApiArtifacts.class);

    private final HarborClient harbor;

    HarborApiArtifacts(HarborSettings settings) {
        this.harbor = settings.url() == null || settings.url().isBlank() ? null : new HarborClient(RegistryAccess
                .configured(settings.url(), settings.username(), settings.password(), settings.caCertificate(),
                        settings.timeout()));
    }

    @Override
    public Optional<Description> describe(String repository, String digest) throws Unavailable {
        if (harbor == null || repository.indexOf('/') < 0) {
            return Optional.empty();
        }
        String path = HarborClient.artifactsPath(repository) + "/" + digest;
        try {
            HarborClient.Answer answer = harbor.get(path);
            if (answer.status() == 404) {
                return Optional.empty();
            }
            if (!answer.ok()) {
                throw harbor.refused(answer, "GET " + path);
            }
            JsonNode artifact = harbor.json(answer, "GET " + path);
            List<String> tags = new ArrayList<>();
            for (JsonNode tag : harbor.pages(path + "/tags", "")) {
                tags.add(tag.path("name").asText());
            }
            boolean index = !artifact.path("references").isEmpty()
                    || isIndex(artifact.path("manifest_media_type").asText(""));
            String artifactType = artifact.path("artifact_type").asText("");
            Optional<String> type = Optional.of(artifactType.isEmpty() ? artifact.path("media_type").asText("")
                    : artifactType).filter(value -> !value.isEmpty() && !index);
            return Optional.of(new Description(tags,
                    ArtifactKind.ofHarbor(artifact.path("type").asText(""), tags, index, type).name()));
        } catch (RegistryException e) {
            if (e.isUnavailable() || e.status() >= 500 || e.status() == 429) {
                throw new Unavailable(e.getMessage());
            }
            LOG.warn("Cannot describe {}@{} from Harbor: {}", repository, digest, e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isIndex(String manifestMediaType) {
        return manifestMediaType.equals(Manifest.OCI_INDEX) || manifestMediaType.equals(Manifest.DOCKER_MANIFEST_LIST);
    }
}

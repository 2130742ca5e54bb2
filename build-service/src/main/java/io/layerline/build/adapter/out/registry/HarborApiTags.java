package io.layerline.build.adapter.out.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.build.application.HarborTags;
import io.layerline.registry.HarborClient;
import io.layerline.registry.RegistryAccess;
import io.layerline.registry.RegistryException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Harbor v2.0's artifact tags: {@code GET /projects/{project}/repositories/{repository}/artifacts/{digest}/tags},
 * the repository name URL-encoded twice (a slash becomes {@code %252F}), pages of 100, through the shared Harbor
 * client.
 */
@Singleton
class HarborApiTags implements HarborTags {

    private static final Logger LOG = LoggerFactory.getLogger(HarborApiTags.class);

    private final HarborClient harbor;

    HarborApiTags(@Nullable @Value("${layerline.build.harbor.url:}") String url,
                  @Nullable @Value("${layerline.build.harbor.username:}") String username,
                  @Nullable @Value("${layerline.build.harbor.password:}") String password,
                  @Nullable @Value("${layerline.build.harbor.ca-certificate:}") String caCertificate) {
        this.harbor = url == null || url.isBlank() ? null : new HarborClient(RegistryAccess.configured(url, username,
                password, caCertificate, Duration.ofSeconds(10)));
    }

    @Override
    public Optional<List<String>> tagsOf(String repositoryFullName, String digest) {
        if (harbor == null || repositoryFullName.indexOf('/') < 0) {
            return Optional.empty();
        }
        try {
            List<String> tags = new ArrayList<>();
            for (JsonNode tag : harbor.pages(HarborClient.artifactsPath(repositoryFullName) + "/" + digest + "/tags",
                    "")) {
                tags.add(tag.path("name").asText());
            }
            return Optional.of(tags);
        } catch (RegistryException e) {
            LOG.warn("Cannot read the tags of {}@{} from Harbor: {}", repositoryFullName, digest, e.getMessage());
            return Optional.empty();
        }
    }
}

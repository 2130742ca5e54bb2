package io.layerline.build.adapter.out.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.build.application.HarborTags;
import io.layerline.registry.HarborNames;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Harbor v2.0's artifact tags: {@code GET /projects/{project}/repositories/{repository}/artifacts/{digest}/tags},
 * the repository name URL-encoded twice (a slash becomes {@code %252F}), pages of 100.
 */
@Singleton
class HarborApiTags implements HarborTags {

    private static final Logger LOG = LoggerFactory.getLogger(HarborApiTags.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String url;
    private final String authorization;

    HarborApiTags(@Nullable @Value("${layerline.build.harbor.url:}") String url,
                  @Nullable @Value("${layerline.build.harbor.username:}") String username,
                  @Nullable @Value("${layerline.build.harbor.password:}") String password) {
        this.url = url == null || url.isBlank() ? null : url.replaceAll("/+$", "");
        this.authorization = username == null || username.isBlank() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<List<String>> tagsOf(String repositoryFullName, String digest) {
        int slash = repositoryFullName.indexOf('/');
        if (url == null || slash < 0) {
            return Optional.empty();
        }
        String project = HarborNames.project(repositoryFullName);
        String repository = HarborNames.repositorySegment(repositoryFullName);
        List<String> tags = new ArrayList<>();
        try {
            for (int page = 1; page <= 50; page++) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/api/v2.0/projects/"
                                + HarborNames.encode(project) + "/repositories/" + repository + "/artifacts/" + digest
                                + "/tags?page=" + page + "&page_size=100"))
                        .header("Accept", "application/json").timeout(Duration.ofSeconds(10));
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    LOG.warn("Harbor answered {} for the tags of {}@{}", response.statusCode(), repositoryFullName,
                            digest);
                    return Optional.empty();
                }
                JsonNode body = json.readTree(response.body());
                body.forEach(tag -> tags.add(tag.path("name").asText()));
                if (body.size() < 100) {
                    return Optional.of(tags);
                }
            }
            return Optional.of(tags);
        } catch (IOException e) {
            LOG.warn("Cannot read the tags of {}@{} from Harbor: {}", repositoryFullName, digest, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

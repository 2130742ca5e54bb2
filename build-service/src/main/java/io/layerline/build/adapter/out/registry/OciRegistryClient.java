package io.layerline.build.adapter.out.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.build.application.BuildEngine;
import io.layerline.build.application.RegistryImages;
import io.layerline.build.domain.efficiency.LayerFile;
import io.layerline.build.domain.reference.Digests;
import io.layerline.build.domain.reference.ImageReference;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The OCI distribution API: resolves tags and reads manifests and configs. HTTPS, except for the configured
 * registry when its URL says {@code http}; basic credentials and the bearer-token challenge flow (Harbor, Docker
 * Hub) for the configured registry, anonymous tokens elsewhere.
 */
@Singleton
class OciRegistryClient implements RegistryImages {

    private static final Logger LOG = LoggerFactory.getLogger(OciRegistryClient.class);
    private static final String ACCEPT = String.join(",", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Set<String> INDEXES = Set.of("application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Pattern CHALLENGE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI configured;
    private final String username;
    private final String password;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    OciRegistryClient(@Value("${layerline.build.registry.url:}") String registryUrl,
                      @Nullable @Value("${layerline.build.registry.username:}") String username,
                      @Nullable @Value("${layerline.build.registry.password:}") String password) {
        this.configured = registryUrl.isBlank() ? null : URI.create(registryUrl);
        this.username = username;
        this.password = password;
    }

    @Override
    public Optional<String> digestOf(String reference) {
        try {
            ImageReference parsed = ImageReference.parse(reference);
            if (parsed.digest().isPresent()) {
                return parsed.digest();
            }
            HttpResponse<byte[]> response = manifest(parsed.registry(), parsed.repository(),
                    parsed.tag().orElse("latest"));
            return response.statusCode() == 200 ? Optional.of(digest(response)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot resolve {}: {}", reference, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public StoredImage read(String registry, String repository, String digest) throws BuildEngine.BuildFailure {
        try {
            HttpResponse<byte[]> response = manifest(registry, repository, digest);
            if (response.statusCode() == 404) {
                throw new ImageNotFound(registry + "/" + repository + "@" + digest + " is not in the registry");
            }
            if (response.statusCode() != 200) {
                throw new BuildEngine.BuildFailure("the registry answered " + response.statusCode() + " for "
                        + registry + "/" + repository + "@" + digest);
            }
            JsonNode manifest = json.readTree(response.body());
            if (INDEXES.contains(manifest.path("mediaType").asText())) {
                manifest = json.readTree(manifest(registry, repository, platformManifest(manifest)).body());
            }
            JsonNode config = json.readTree(blob(registry, repository, manifest.path("config").path("digest")
                    .asText()));
            List<String> createdBy = new ArrayList<>();
            for (JsonNode entry : config.path("history")) {
                if (!entry.path("empty_layer").asBoolean(false)) {
                    createdBy.add(entry.path("created_by").asText(null));
                }
            }
            List<Layer> layers = new ArrayList<>();
            long size = manifest.path("config").path("size").asLong();
            Iterator<JsonNode> layerNodes = manifest.path("layers").elements();
            for (int i = 0; layerNodes.hasNext(); i++) {
                JsonNode layer = layerNodes.next();
                size += layer.path("size").asLong();
                layers.add(new Layer(layer.path("digest").asText(), layer.path("size").asLong(),
                        i < createdBy.size() ? createdBy.get(i) : null));
            }
            Map<String, String> labels = new HashMap<>();
            config.path("config").path("Labels").fields()
                    .forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            return new StoredImage(digest, size, layers, labels);
        } catch (IOException e) {
            throw new BuildEngine.BuildFailure("cannot read " + registry + "/" + repository + "@" + digest + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildEngine.BuildFailure("interrupted while reading " + repository, e);
        }
    }

    @Override
    public List<LayerFile> filesOf(String registry, String repository, String layerDigest)
            throws BuildEngine.BuildFailure {
        URI uri = URI.create(base(registry) + "/v2/" + repository + "/blobs/" + layerDigest);
        String key = registry + "/" + repository;
        try {
            HttpResponse<InputStream> response = http.send(request(uri, "*/*", tokens.get(key)),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 401) {
                response.body().close();
                String authorization = authorize(registry, response.headers().firstValue("WWW-Authenticate")
                        .orElse(""));
                if (authorization != null) {
                    tokens.put(key, authorization);
                }
                response = http.send(request(uri, "*/*", authorization), HttpResponse.BodyHandlers.ofInputStream());
            }
            if (response.statusCode() != 200) {
                response.body().close();
                throw new BuildEngine.BuildFailure("the registry answered " + response.statusCode() + " for layer "
                        + layerDigest);
            }
            try (InputStream body = new BufferedInputStream(response.body(), 65_536)) {
                return LayerArchive.entries(body);
            }
        } catch (IOException e) {
            throw new BuildEngine.BuildFailure("cannot read layer " + layerDigest + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildEngine.BuildFailure("interrupted while reading layer " + layerDigest, e);
        }
    }

    private static String platformManifest(JsonNode index) {
        for (JsonNode entry : index.path("manifests")) {
            JsonNode platform = entry.path("platform");
            if ("linux".equals(platform.path("os").asText()) && "amd64".equals(platform.path("architecture")
                    .asText())) {
                return entry.path("digest").asText();
            }
        }
        return index.path("manifests").path(0).path("digest").asText();
    }

    private HttpResponse<byte[]> manifest(String registry, String repository, String reference)
            throws IOException, InterruptedException {
        return send(registry, repository, "/manifests/" + reference, ACCEPT);
    }

    private byte[] blob(String registry, String repository, String digest) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(registry, repository, "/blobs/" + digest, "*/*");
        if (response.statusCode() != 200) {
            throw new IOException("the registry answered " + response.statusCode() + " for blob " + digest);
        }
        return response.body();
    }

    private HttpResponse<byte[]> send(String registry, String repository, String path, String accept)
            throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(base(registry) + "/v2/" + repository + path);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a registry address: " + registry, e);
        }
        String key = registry + "/" + repository;
        HttpResponse<byte[]> response = http.send(request(uri, accept, tokens.get(key)),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 401) {
            String authorization = authorize(registry, response.headers().firstValue("WWW-Authenticate").orElse(""));
            if (authorization != null) {
                tokens.put(key, authorization);
                response = http.send(request(uri, accept, authorization), HttpResponse.BodyHandlers.ofByteArray());
            }
        }
        return response;
    }

    private HttpRequest request(URI uri, String accept, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", accept)
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    /** Answers a challenge: basic credentials, or a bearer token from the realm it names. */
    private String authorize(String registry, String challenge) throws IOException, InterruptedException {
        boolean ours = configured != null && configured.getAuthority().equals(registry);
        String basic = ours && username != null && !username.isBlank() ? "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)) : null;
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            return basic;
        }
        if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        Matcher matcher = CHALLENGE.matcher(challenge);
        while (matcher.find()) {
            parameters.put(matcher.group(1), matcher.group(2));
        }
        String query = parameters.entrySet().stream().filter(entry -> !entry.getKey().equals("realm"))
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder tokenRequest = HttpRequest.newBuilder(URI.create(parameters.get("realm") + "?" + query))
                .timeout(Duration.ofSeconds(30));
        if (basic != null) {
            tokenRequest.header("Authorization", basic);
        }
        HttpResponse<byte[]> response = http.send(tokenRequest.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            return null;
        }
        JsonNode token = json.readTree(response.body());
        String value = token.hasNonNull("token") ? token.get("token").asText() : token.path("access_token").asText();
        return value.isEmpty() ? null : "Bearer " + value;
    }

    private String base(String registry) {
        if (configured != null && configured.getAuthority().equals(registry)) {
            return configured.getScheme() + "://" + registry;
        }
        return "https://" + (registry.equals(ImageReference.DEFAULT_REGISTRY) ? "registry-1.docker.io" : registry);
    }

    private static String digest(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Docker-Content-Digest")
                .orElseGet(() -> Digests.sha256(response.body()));
    }
}

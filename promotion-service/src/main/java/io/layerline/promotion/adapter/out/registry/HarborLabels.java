package io.layerline.promotion.adapter.out.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.layerline.promotion.application.RegistryLabels;
import io.layerline.registry.HarborNames;
import io.layerline.promotion.domain.deployment.ImageCoordinates;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Harbor v2.0: finds the label (global or project scope) or creates it, then attaches it to the artifact by digest.
 * An artifact that carries the label already (409) counts as labelled. Repository names inside a project are
 * URL-encoded twice, as Harbor's API requires.
 */
@Singleton
@Requires(property = RegistryType.PROPERTY, value = "harbor")
class HarborLabels implements RegistryLabels {

    private static final String API = "/api/v2.0";

    private final HarborConfiguration configuration;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Long> labelIds = new ConcurrentHashMap<>();

    HarborLabels(HarborConfiguration configuration) {
        this.configuration = configuration;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (configuration.insecureSkipTlsVerify()) {
            builder.sslContext(trustingEverything());
        }
        this.http = builder.build();
    }

    @Override
    public boolean handles(String registry) {
        return registry.equalsIgnoreCase(configuration.url().getAuthority());
    }

    @Override
    public void apply(ImageCoordinates image, String label) throws RegistryLabelException {
        String project = image.project();
        long id = labelId(label, project);
        ObjectNode body = json.createObjectNode().put("id", id);
        HttpResponse<String> response = send("POST", API + "/projects/" + HarborNames.encode(project)
                + "/repositories/" + HarborNames.repositorySegment(image.repository()) + "/artifacts/"
                + image.digest() + "/labels", body);
        if (response.statusCode() != 200 && response.statusCode() != 201 && response.statusCode() != 409) {
            throw refused("attaching label " + label + " to " + image.repository() + "@" + image.digest(), response);
        }
    }

    private long labelId(String label, String project) throws RegistryLabelException {
        String key = configuration.projectScope() ? project + "/" + label : label;
        Long cached = labelIds.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<Long> projectId = configuration.projectScope() ? Optional.of(projectId(project)) : Optional.empty();
        Optional<Long> found = findLabel(label, projectId);
        if (found.isEmpty()) {
            createLabel(label, projectId);
            found = findLabel(label, projectId);
        }
        long id = found.orElseThrow(() -> new RegistryLabelException("Harbor created label " + label
                + " but does not list it"));
        labelIds.put(key, id);
        return id;
    }

    private Optional<Long> findLabel(String label, Optional<Long> projectId) throws RegistryLabelException {
        String query = "?scope=" + (projectId.isPresent() ? "p&project_id=" + projectId.get() : "g")
                + "&name=" + HarborNames.encode(label) + "&page=1&page_size=100";
        HttpResponse<String> response = send("GET", API + "/labels" + query, null);
        if (response.statusCode() != 200) {
            throw refused("listing labels", response);
        }
        for (JsonNode candidate : read(response)) {
            if (label.equals(candidate.path("name").asText())) {
                return Optional.of(candidate.path("id").asLong());
            }
        }
        return Optional.empty();
    }

    private void createLabel(String label, Optional<Long> projectId) throws RegistryLabelException {
        ObjectNode body = json.createObjectNode()
                .put("name", label)
                .put("color", configuration.labelColor())
                .put("description", configuration.labelDescription())
                .put("scope", projectId.isPresent() ? "p" : "g");
        projectId.ifPresent(id -> body.put("project_id", id));
        HttpResponse<String> response = send("POST", API + "/labels", body);
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw refused("creating label " + label, response);
        }
    }

    private long projectId(String project) throws RegistryLabelException {
        HttpResponse<String> response = send("GET", API + "/projects/" + HarborNames.encode(project), null,
                "X-Is-Resource-Name", "true");
        if (response.statusCode() != 200) {
            throw refused("reading project " + project, response);
        }
        return read(response).path("project_id").asLong();
    }

    private HttpResponse<String> send(String method, String path, JsonNode body, String... headers)
            throws RegistryLabelException {
        HttpRequest.Builder request = HttpRequest.newBuilder(configuration.url().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (configuration.username() != null && !configuration.username().isBlank()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (configuration.username() + ":" + configuration.password()).getBytes(StandardCharsets.UTF_8)));
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RegistryLabelException("Harbor at " + configuration.url() + " cannot be reached: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryLabelException("interrupted", e);
        }
    }

    private JsonNode read(HttpResponse<String> response) throws RegistryLabelException {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryLabelException("Harbor answered something that is not JSON", e);
        }
    }

    private static RegistryLabelException refused(String what, HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        return new RegistryLabelException(what + ": Harbor answered " + response.statusCode() + " "
                + body.substring(0, Math.min(body.length(), 500)));
    }


    private static SSLContext trustingEverything() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.layerline.promotion.adapter.out.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.layerline.promotion.application.port.RegistryLabels;
import io.layerline.promotion.domain.deployment.ImageCoordinates;
import io.layerline.registry.Credentials;
import io.layerline.registry.HarborClient;
import io.layerline.registry.HarborNames;
import io.layerline.registry.RegistryAccess;
import io.layerline.registry.RegistryClient;
import io.layerline.registry.RegistryException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Harbor v2.0, through the shared Harbor client: finds the label (global or project scope) or creates it, then
 * attaches it to the artifact by digest. An artifact that carries the label already (409) counts as labelled.
 * Repository names inside a project are URL-encoded twice, as Harbor's API requires.
 */
@Singleton
@Requires(property = RegistryType.PROPERTY, value = "harbor")
class HarborLabels implements RegistryLabels {

    private final HarborConfiguration configuration;
    private final HarborClient harbor;
    private final RegistryClient registry;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Long> labelIds = new ConcurrentHashMap<>();

    HarborLabels(HarborConfiguration configuration) {
        this.configuration = configuration;
        this.harbor = new HarborClient(new RegistryAccess(configuration.url(),
                Credentials.basic(configuration.username(), configuration.password()),
                Optional.ofNullable(configuration.caCertificate()).filter(path -> !path.isBlank()).map(Path::of),
                Duration.ofSeconds(30)));
        this.registry = new RegistryClient(harbor.access());
    }

    @Override
    public boolean handles(String registry) {
        return harbor.access().names(registry);
    }

    @Override
    public Optional<String> digestOf(String registry, String repository, String tag) throws RegistryLabelException {
        if (!handles(registry)) {
            return Optional.empty();
        }
        try {
            return this.registry.digest(repository, tag);
        } catch (RegistryException e) {
            throw new RegistryLabelException("resolving " + repository + ":" + tag + " at Harbor failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void apply(ImageCoordinates image, String label) throws RegistryLabelException {
        try {
            long id = labelId(label, image.project());
            ObjectNode body = json.createObjectNode().put("id", id);
            HarborClient.Answer answer = harbor.send("POST", HarborClient.artifactsPath(image.repository()) + "/"
                    + image.digest() + "/labels", body.toString(), Map.of());
            if (!answer.ok() && answer.status() != 409) {
                throw harbor.refused(answer, "attaching label " + label + " to " + image.repository() + "@"
                        + image.digest());
            }
        } catch (RegistryException e) {
            throw new RegistryLabelException(e.getMessage(), e);
        }
    }

    private long labelId(String label, String project) throws RegistryException, RegistryLabelException {
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

    private Optional<Long> findLabel(String label, Optional<Long> projectId) throws RegistryException {
        String query = "?scope=" + (projectId.isPresent() ? "p&project_id=" + projectId.get() : "g")
                + "&name=" + HarborNames.encode(label) + "&page=1&page_size=100";
        HarborClient.Answer answer = harbor.get("/labels" + query);
        if (!answer.ok()) {
            throw harbor.refused(answer, "listing labels");
        }
        for (JsonNode candidate : harbor.json(answer, "listing labels")) {
            if (label.equals(candidate.path("name").asText())) {
                return Optional.of(candidate.path("id").asLong());
            }
        }
        return Optional.empty();
    }

    private void createLabel(String label, Optional<Long> projectId) throws RegistryException {
        ObjectNode body = json.createObjectNode()
                .put("name", label)
                .put("color", configuration.labelColor())
                .put("description", configuration.labelDescription())
                .put("scope", projectId.isPresent() ? "p" : "g");
        projectId.ifPresent(id -> body.put("project_id", id));
        HarborClient.Answer answer = harbor.send("POST", "/labels", body.toString(), Map.of());
        if (answer.status() != 201 && answer.status() != 409) {
            throw harbor.refused(answer, "creating label " + label);
        }
    }

    private long projectId(String project) throws RegistryException {
        HarborClient.Answer answer = harbor.send("GET", "/projects/" + HarborNames.encode(project), null,
                Map.of("X-Is-Resource-Name", "true"));
        if (!answer.ok()) {
            throw harbor.refused(answer, "reading project " + project);
        }
        return harbor.json(answer, "reading project " + project).path("project_id").asLong();
    }
}

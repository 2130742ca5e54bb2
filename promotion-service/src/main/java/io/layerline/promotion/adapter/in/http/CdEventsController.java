package io.layerline.promotion.adapter.in.http;

import io.layerline.contracts.cdevents.CdEvent;
import io.layerline.contracts.cdevents.CdEvents;
import io.layerline.contracts.cdevents.ImagePurl;
import io.layerline.contracts.cdevents.InvalidCdEventException;
import io.layerline.http.ApiError;
import io.layerline.http.ApiResponses;
import io.layerline.http.IngressAnswer;
import io.layerline.http.cloudevents.CloudEventsHttp;
import io.layerline.http.cloudevents.UnreadableEventException;
import io.layerline.http.security.Roles;
import io.layerline.promotion.application.Ingress;
import io.layerline.promotion.application.RecordDeployment;
import io.layerline.promotion.application.ResolveTag;
import io.layerline.promotion.domain.deployment.DeploymentReport;
import io.layerline.promotion.domain.deployment.ExternalIds;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployers that speak CDEvents 0.3, 0.4 or 0.5 report {@code service.deployed}, {@code service.upgraded} and
 * {@code service.rolledback} here: as the plain CDEvent JSON, or as a CloudEvent in HTTP binary or structured mode
 * ({@link CloudEventsHttp}). The service is named by the subject id, the environment by {@code environment.id} (ids
 * that are not plain names are made names by {@link ExternalIds}; the environment id is kept as the deployment's
 * target), the image is the {@code pkg:oci} or {@code pkg:docker} artifact; an artifact that is not an image is
 * acknowledged and ignored, with the reason, as the build-service does.
 */
@Controller("/api/v1/cdevents")
@Context
@Secured(Roles.OPERATOR)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "deployments")
class CdEventsController {

    private static final Logger LOG = LoggerFactory.getLogger(CdEventsController.class);
    private static final Map<String, String> KINDS = Map.of(
            "dev.cdevents.service.deployed", "DEPLOYED",
            "dev.cdevents.service.upgraded", "UPGRADED",
            "dev.cdevents.service.rolledback", "ROLLED_BACK");

    private final RecordDeployment recordDeployment;
    private final ResolveTag tags;
    private final CdEvents cdEvents = new CdEvents(KINDS.keySet());
    private final CloudEventsHttp cloudEvents;
    private final String defaultRegistry;
    private final Map<String, String> environmentNames = new HashMap<>();

    /**
     * @param environmentIds {@code <environment id>=<name>} pairs, e.g. {@code https://prod.k8s.example.com=prod};
     *                       the service does not start with one it cannot read
     */
    CdEventsController(RecordDeployment recordDeployment, ResolveTag tags, CloudEventsHttp cloudEvents,
                       @Value("${layerline.promotion.default-registry}") String defaultRegistry,
                       @Value("${layerline.promotion.environment-ids}") List<String> environmentIds) {
        this.recordDeployment = recordDeployment;
        this.tags = tags;
        this.cloudEvents = cloudEvents;
        this.defaultRegistry = defaultRegistry;
        for (String pair : environmentIds) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.lastIndexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new IllegalArgumentException("layerline.promotion.environment-ids: '" + pair
                        + "' is not <environment id>=<name>");
            }
            environmentNames.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
    }

    @Post(consumes = {MediaType.APPLICATION_JSON, CloudEventsHttp.STRUCTURED}, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a deployment reported as a CDEvent",
            description = "Idempotent on the CDEvent's source and id.")
    @ApiResponse(responseCode = "201", description = "Recorded")
    @ApiResponse(responseCode = "200", description = "Recorded before; the original")
    @ApiResponse(responseCode = "202", description = "Not about an image: acknowledged and ignored, with the reason")
    @ApiResponse(responseCode = "400", description = "Not a valid CDEvent of an accepted type; nothing was written")
    @ApiResponse(responseCode = "502", description = "The image is named by tag only and its registry cannot be "
            + "asked for the digest now")
    HttpResponse<?> receive(HttpRequest<?> request, @Body byte[] body) {
        CdEvent event;
        try {
            event = cdEvents.read(cloudEvents.read(request.getHeaders(), body).data());
        } catch (UnreadableEventException e) {
            return ApiResponses.badRequest(e.field(), e.reason());
        } catch (InvalidCdEventException e) {
            return ApiResponses.badRequest(e.getMessage(), e.violations().stream()
                    .map(violation -> new ApiError.FieldError("cdevent", violation)).toList());
        }
        String purl = event.content().path("artifactId").asText(null);
        if (!ImagePurl.namesAnImage(purl)) {
            return IngressAnswer.ignored(ImagePurl.notAnImage(purl));
        }
        ImagePurl artifact;
        try {
            artifact = ImagePurl.parse(purl);
        } catch (IllegalArgumentException e) {
            return ApiResponses.badRequest("subject.content.artifactId", e.getMessage());
        }
        String registry = artifact.registry().orElse(defaultRegistry);
        String repository = artifact.repositoryIn(registry);
        Optional<String> digest;
        try {
            digest = artifact.digest().isPresent() ? artifact.digest()
                    : tags.digestOf(registry, repository, artifact.tag().orElseThrow());
        } catch (ResolveTag.Unavailable e) {
            LOG.warn("Cannot resolve {}/{}:{} for a deployment: {}", registry, repository, artifact.tag().get(),
                    e.getMessage());
            return ApiResponses.badGateway("the registry " + registry);
        }
        if (digest.isEmpty()) {
            return ApiResponses.badRequest("subject.content.artifactId", "names the tag " + artifact.tag().get()
                    + " and no digest, and " + registry + "/" + repository + ":" + artifact.tag().get()
                    + " cannot be resolved here: give the digest (@sha256%3A…)");
        }
        String environmentId = event.content().path("environment").path("id").asText(null);
        String environment = ExternalIds.environmentName(environmentId, environmentNames);
        DeploymentReport report = new DeploymentReport(event.source() + "#" + event.id(),
                ExternalIds.serviceName(event.subjectId()), environment, registry, repository, digest.get(),
                artifact.tag().orElse(null), KINDS.get(event.kind()), "SUCCEEDED", event.source(),
                environmentId == null || environmentId.equals(environment) ? null : environmentId, null,
                event.timestamp());
        return DeploymentsController.respond(recordDeployment.record(report, Ingress.CDEVENTS));
    }
}

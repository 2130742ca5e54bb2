package io.layerline.build.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.build.application.Announcement;
import io.layerline.build.application.CiImages;
import io.layerline.build.application.ImageAnnouncements;
import io.layerline.build.application.ImageLayer;
import io.layerline.build.application.PushRegistry;
import io.layerline.build.domain.build.Provenance;
import io.layerline.build.domain.build.StageBase;
import io.layerline.build.domain.reference.Digests;
import io.layerline.contracts.EventCodec;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.InvalidEventException;
import io.layerline.contracts.cdevents.CdEvent;
import io.layerline.contracts.cdevents.CdEvents;
import io.layerline.contracts.cdevents.ImagePurl;
import io.layerline.contracts.cdevents.InvalidCdEventException;
import io.layerline.contracts.v1.ImageBuilt;
import io.layerline.http.ApiError;
import io.layerline.http.ApiResponses;
import io.layerline.http.cloudevents.CloudEventsHttp;
import io.layerline.http.cloudevents.IncomingEvent;
import io.layerline.http.cloudevents.UnreadableEventException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CI pipelines that build outside the service announce images here: CDEvents 0.5.1 {@code artifact.packaged},
 * {@code artifact.published} and {@code build.finished} (plain, or as a CloudEvent in binary or structured mode), or
 * our own {@code ImageBuilt} JSON. A bearer token is required. A packaged or finished image that carries the OCI base
 * labels is read from its registry and announced as built, with its layers and base; otherwise as pushed. Only a
 * registry of {@link ReadableRegistries} is read: an image in any other is announced as pushed, unread.
 */
@Controller("/api/v1/events")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "ingress")
class CiEventsController {

    private static final String SOURCE = "ci";
    private static final Map<String, String> KINDS = Map.of(
            "dev.cdevents.artifact.packaged", "packaged",
            "dev.cdevents.artifact.published", "published",
            "dev.cdevents.build.finished", "finished");

    private final ImageAnnouncements announcements;
    private final CiImages images;
    private final CloudEventsHttp cloudEvents;
    private final ObjectMapper json;
    private final CdEvents cdEvents = new CdEvents(KINDS.keySet());
    private final EventCodec codec = new EventCodec();
    private final String token;
    private final String defaultRegistry;

    CiEventsController(ImageAnnouncements announcements, CiImages images, CloudEventsHttp cloudEvents,
                       ObjectMapper json, @Nullable @Value("${layerline.build.ingress.token}") String token,
                       PushRegistry registry) {
        this.announcements = announcements;
        this.images = images;
        this.cloudEvents = cloudEvents;
        this.json = json;
        this.token = token;
        this.defaultRegistry = registry.host().orElse("docker.io");
    }

    @Post(consumes = {MediaType.APPLICATION_JSON, CloudEventsHttp.STRUCTURED}, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Announce an image built by CI: a CDEvent (artifact.packaged, artifact.published, "
            + "build.finished) or ImageBuilt JSON; Authorization: Bearer <token>",
            description = "202 when announced, 200 for a delivery seen before, 202 'ignored' for an artifact that "
                    + "is not an OCI image.")
    HttpResponse<?> receive(HttpRequest<?> request, @Body byte[] body) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class).orElse("");
        if (!authorization.startsWith("Bearer ") || !Secrets.matches(authorization.substring(7), token)) {
            announcements.count(SOURCE, "unknown", "unauthorized");
            return IngressResponses.unauthorized("a valid bearer token is required");
        }
        if (body.length > IngressResponses.MAX_BODY) {
            announcements.count(SOURCE, "unknown", "rejected");
            return IngressResponses.tooLarge();
        }
        IncomingEvent incoming;
        try {
            incoming = cloudEvents.read(request.getHeaders(), body);
        } catch (UnreadableEventException e) {
            announcements.count(SOURCE, "unknown", "rejected");
            return IngressResponses.invalid(e);
        }
        JsonNode data = incoming.data();
        if (!data.isObject()) {
            return rejected(incoming.cloudEvent().isPresent() ? "data" : "body", "must be a JSON object");
        }
        Optional<IncomingEvent.Envelope> envelope = incoming.cloudEvent();
        if (envelope.isPresent() && envelope.get().type().equals(EventTypes.IMAGE_BUILT.ceType())) {
            return nativeImageBuilt(data, envelope.get().source() + "#" + envelope.get().id());
        }
        if (envelope.isPresent() || data.has("context") && data.has("subject")) {
            return cdEvent(data);
        }
        return nativeImageBuilt(data, Digests.sha256(body));
    }

    private HttpResponse<?> cdEvent(JsonNode node) {
        CdEvent event;
        try {
            event = cdEvents.read(node);
        } catch (InvalidCdEventException e) {
            announcements.count(SOURCE, "cdevent", "rejected");
            return ApiResponses.badRequest(e.getMessage(), e.violations().stream()
                    .map(violation -> new ApiError.FieldError("cdevent", violation)).toList());
        }
        String kind = KINDS.get(event.kind());
        String purl = kind.equals("finished") ? event.content().path("artifactId").asText(null) : event.subjectId();
        if (!ImagePurl.namesAnImage(purl)) {
            announcements.count(SOURCE, kind, "ignored");
            return IngressResponses.ignored(ImagePurl.notAnImage(purl));
        }
        ImagePurl artifact;
        try {
            artifact = ImagePurl.parse(purl);
        } catch (IllegalArgumentException e) {
            return rejected(kind.equals("finished") ? "subject.content.artifactId" : "subject.id", e.getMessage());
        }
        String registryHost = artifact.registry().orElse(defaultRegistry);
        String repository = artifact.repositoryIn(registryHost);
        List<String> tags = artifact.tag().map(List::of).orElse(List.of());
        Optional<String> digest = artifact.digest().or(() -> images.digestOf(registryHost, repository, tags.get(0)));
        if (digest.isEmpty()) {
            return rejected(kind.equals("finished") ? "subject.content.artifactId" : "subject.id", "names the tag "
                    + tags.get(0) + " and no digest, and " + registryHost + "/" + repository + ":" + tags.get(0)
                    + " cannot be resolved here: give the digest (@sha256%3A…)");
        }
        Announcement pushed = new Announcement.Pushed(registryHost, repository, digest.get(), tags, null, null,
                null, event.content().path("user").asText(event.source()), event.timestamp());
        Announcement announcement = kind.equals("published") ? pushed : images.built(registryHost, repository,
                digest.get(), tags, event.content().path("change").path("source").asText(null), event.timestamp())
                .orElse(pushed);
        return IngressResponses.announce(announcements, SOURCE, event.source() + "#" + event.id(),
                List.of(announcement));
    }

    private HttpResponse<?> nativeImageBuilt(JsonNode node, String deliveryId) {
        ImageBuilt built;
        try {
            built = codec.read(EventTypes.IMAGE_BUILT, json.writeValueAsBytes(node));
        } catch (InvalidEventException | IOException e) {
            announcements.count(SOURCE, "built", "rejected");
            return ApiResponses.badRequest("body", "is not a valid ImageBuilt: " + e.getMessage());
        }
        ImageBuilt.Provenance provenance = built.provenance();
        Announcement.Built announcement = new Announcement.Built(built.registry(), built.repository(), built.digest(),
                built.tags(), built.size(), built.layers().stream().map(layer -> new ImageLayer(
                layer.digest(), layer.size(), layer.createdBy())).toList(),
                built.baseImages().stream().map(base -> new StageBase(base.stageIndex(), base.stage(),
                        base.reference(), base.digest(), base.finalStage())).toList(),
                new Provenance(provenance.sourceRepository(), provenance.commit(), provenance.branch(),
                        provenance.author(), provenance.dockerfilePath(), provenance.buildDurationMillis() == null ? 0
                        : provenance.buildDurationMillis()), provenance.ciRunUrl(), built.builtAt(),
                built.efficiency() == null ? null : new Announcement.Efficiency(built.efficiency().totalBytes(),
                        built.efficiency().wastedBytes()));
        return IngressResponses.announce(announcements, SOURCE, deliveryId, List.of(announcement));
    }

    private HttpResponse<?> rejected(String field, String reason) {
        announcements.count(SOURCE, "unknown", "rejected");
        return ApiResponses.badRequest(field, reason);
    }
}

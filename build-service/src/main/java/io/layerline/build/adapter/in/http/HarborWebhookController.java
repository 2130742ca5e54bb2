package io.layerline.build.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.build.application.Announcement;
import io.layerline.build.application.HarborTags;
import io.layerline.build.application.ImageAnnouncements;
import io.layerline.build.domain.reference.Digests;
import io.layerline.build.domain.reference.ImageReference;
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

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Harbor's webhooks, in either payload format: Default ({@code PUSH_ARTIFACT}…) and CloudEvents
 * ({@code harbor.artifact.pushed}…, in binary or structured mode, read by {@link CloudEventsHttp}). The
 * {@code Authorization} header must equal the configured secret. A retried delivery (same CloudEvents id, or for
 * Default the same body) is announced once.
 */
@Controller("/api/v1/webhooks/harbor")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "ingress")
class HarborWebhookController {

    private static final String SOURCE = "harbor";
    private static final Map<String, String> KINDS = Map.of(
            "PUSH_ARTIFACT", "pushed", "harbor.artifact.pushed", "pushed",
            "PULL_ARTIFACT", "pulled", "harbor.artifact.pulled", "pulled",
            "DELETE_ARTIFACT", "deleted", "harbor.artifact.deleted", "deleted",
            "SCANNING_COMPLETED", "scanned", "harbor.scan.completed", "scanned",
            "SCANNING_FAILED", "scan-failed", "harbor.scan.failed", "scan-failed");

    private final ImageAnnouncements announcements;
    private final HarborTags harborTags;
    private final CloudEventsHttp cloudEvents;
    private final ObjectMapper json;
    private final String secret;
    private final String defaultRegistry;

    HarborWebhookController(ImageAnnouncements announcements, HarborTags harborTags, CloudEventsHttp cloudEvents,
                            ObjectMapper json,
                            @Nullable @Value("${layerline.build.harbor.webhook-secret:}") String secret,
                            @Nullable @Value("${layerline.build.harbor.registry:}") String defaultRegistry) {
        this.announcements = announcements;
        this.harborTags = harborTags;
        this.cloudEvents = cloudEvents;
        this.json = json;
        this.secret = secret;
        this.defaultRegistry = defaultRegistry;
    }

    @Post(consumes = {MediaType.APPLICATION_JSON, CloudEventsHttp.STRUCTURED},
            produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Take in a Harbor webhook (Default or CloudEvents format)",
            description = "Push, pull, delete and scan events become image events; other types are acknowledged "
                    + "and ignored. 202 when announced, 200 for a delivery seen before.")
    HttpResponse<?> receive(HttpRequest<?> request, @Body byte[] body) {
        if (!Secrets.matches(request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class).orElse(null),
                secret)) {
            announcements.count(SOURCE, "unknown", "unauthorized");
            return IngressResponses.unauthorized("the Authorization header does not carry the webhook secret");
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
        Optional<IncomingEvent.Envelope> cloudEvent = incoming.cloudEvent();
        JsonNode payload = incoming.data();
        if (!payload.isObject()) {
            return rejected(cloudEvent.isPresent() ? "data" : "body", "must be a JSON object");
        }
        String type = cloudEvent.map(IncomingEvent.Envelope::type).orElseGet(() -> payload.path("type").asText());
        String kind = KINDS.get(type);
        if (kind == null) {
            announcements.count(SOURCE, type.isEmpty() ? "unknown" : type, "ignored");
            return type.isEmpty() ? rejected("type", "is required")
                    : IngressResponses.ignored(type + " is not an image event");
        }
        JsonNode data = cloudEvent.isPresent() ? payload : payload.path("event_data");
        String operator = cloudEvent.flatMap(event -> event.extension("operator"))
                .orElseGet(() -> payload.path("operator").asText(data.path("operator").asText(null)));
        Instant at;
        try {
            at = cloudEvent.isPresent() ? Instant.parse(cloudEvent.get().time() == null ? ""
                    : cloudEvent.get().time()) : Instant.ofEpochSecond(payload.path("occur_at").asLong());
        } catch (DateTimeException e) {
            return rejected(cloudEvent.isPresent() ? "time" : "occur_at", "is not a time (RFC 3339)");
        }
        String repository = data.path("repository").path("repo_full_name").asText("");
        if (repository.isEmpty()) {
            return rejected("repository.repo_full_name", "is required");
        }
        if (!data.path("resources").isArray() || data.path("resources").isEmpty()) {
            return rejected("resources", "must name at least one artifact");
        }
        List<Announcement> facts = new ArrayList<>();
        Map<String, List<String>> tagsByDigest = new LinkedHashMap<>();
        String registry = null;
        for (JsonNode resource : data.path("resources")) {
            String digest = resource.path("digest").asText("");
            if (!ImageReference.isDigest(digest)) {
                return rejected("resources.digest", "must be sha256: and 64 hex digits");
            }
            registry = registryOf(resource.path("resource_url").asText(""));
            if (registry == null) {
                return rejected("resources.resource_url", "names no registry, and none is configured");
            }
            String tag = tagOf(resource);
            tagsByDigest.computeIfAbsent(digest, d -> new ArrayList<>());
            if (tag != null) {
                tagsByDigest.get(digest).add(tag);
            }
            switch (kind) {
                case "pulled" -> facts.add(new Announcement.Pulled(registry, repository, digest, tag, operator, at));
                case "scanned", "scan-failed" -> facts.add(scanned(registry, repository, digest, resource,
                        kind.equals("scanned"), at));
                default -> { }
            }
        }
        for (Map.Entry<String, List<String>> artifact : tagsByDigest.entrySet()) {
            if (kind.equals("pushed")) {
                List<String> tags = harborTags.tagsOf(repository, artifact.getKey()).orElse(artifact.getValue());
                facts.add(new Announcement.Pushed(registry, repository, artifact.getKey(), tags, null, null,
                        operator, at));
            } else if (kind.equals("deleted")) {
                facts.add(new Announcement.Deleted(registry, repository, artifact.getKey(), artifact.getValue(),
                        operator, at));
            }
        }
        String delivery = cloudEvent.map(IncomingEvent.Envelope::id).orElseGet(() -> Digests.sha256(body));
        return IngressResponses.announce(announcements, SOURCE, delivery, facts);
    }

    private Announcement.Scanned scanned(String registry, String repository, String digest, JsonNode resource,
                                                boolean completed, Instant at) {
        JsonNode report = resource.path("scan_overview").elements().hasNext()
                ? resource.path("scan_overview").elements().next() : json.createObjectNode();
        JsonNode counts = report.path("summary").path("summary");
        boolean succeeded = completed && "Success".equalsIgnoreCase(report.path("scan_status").asText("Success"));
        return new Announcement.Scanned(registry, repository, digest,
                report.path("scanner").path("name").asText("unknown"), succeeded,
                counts.path("Critical").asInt(), counts.path("High").asInt(), counts.path("Medium").asInt(),
                counts.path("Low").asInt(), counts.path("Unknown").asInt(), null, at);
    }

    /**
     * The tag a resource names, if any. Harbor puts the digest in {@code tag} when the artifact has no tag at hand
     * (a pull or delete by digest, an untagged push: its webhook handler's {@code constructArtifactPayload} takes
     * the first tag, else the digest), and then {@code resource_url} ends in {@code @sha256:…}: that is no tag.
     */
    private static String tagOf(JsonNode resource) {
        String tag = resource.path("tag").asText("");
        return tag.isBlank() || ImageReference.isDigest(tag) ? null : tag;
    }

    /** The registry host at the front of {@code harbor.example.com/project/repo:tag}, else the configured one. */
    private String registryOf(String resourceUrl) {
        int slash = resourceUrl.indexOf('/');
        if (slash > 0) {
            return resourceUrl.substring(0, slash);
        }
        return defaultRegistry == null || defaultRegistry.isBlank() ? null : defaultRegistry;
    }

    private HttpResponse<?> rejected(String field, String reason) {
        announcements.count(SOURCE, "unknown", "rejected");
        return ApiResponses.badRequest(field, reason);
    }
}

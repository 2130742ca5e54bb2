package io.layerline.build.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.build.application.Announcement;
import io.layerline.build.application.HarborIngress;
import io.layerline.build.application.HarborSettings;
import io.layerline.build.application.ImageAnnouncements;
import io.layerline.http.ApiResponses;
import io.layerline.http.cloudevents.CloudEventsHttp;
import io.layerline.http.cloudevents.IncomingEvent;
import io.layerline.http.cloudevents.UnreadableEventException;
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
import java.util.List;
import java.util.Optional;

/**
 * Harbor's webhooks, every event type, in either payload format: Default ({@code PUSH_ARTIFACT}…) and CloudEvents
 * ({@code harbor.artifact.pushed}…, in binary or structured mode, read by {@link CloudEventsHttp}). The
 * {@code Authorization} header must equal the configured secret. Harbor gives up on a delivery after 3 s, so the
 * answer never waits on Harbor's API: image facts are queued and announced after ({@link HarborIngress}). A delivery
 * reported before — a retry, or a second webhook policy delivering the same event — is answered 200 and not
 * announced again.
 */
@Controller("/api/v1/webhooks/harbor")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "ingress")
class HarborWebhookController {

    private final HarborIngress ingress;
    private final ImageAnnouncements announcements;
    private final CloudEventsHttp cloudEvents;
    private final HarborPayloads payloads;
    private final String secret;

    HarborWebhookController(HarborIngress ingress, ImageAnnouncements announcements, CloudEventsHttp cloudEvents,
                            HarborSettings settings) {
        this.ingress = ingress;
        this.announcements = announcements;
        this.cloudEvents = cloudEvents;
        this.payloads = new HarborPayloads(settings.registry());
        this.secret = settings.webhookSecret();
    }

    @Post(consumes = {MediaType.APPLICATION_JSON, CloudEventsHttp.STRUCTURED},
            produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Take in a Harbor webhook (Default or CloudEvents format)",
            description = "Push, pull, delete and scan events become image events, announced once Harbor's API has "
                    + "told every tag and the artifact's kind; quota, replication and tag retention events are "
                    + "counted, and what tag retention removed is announced deleted. 202 when taken in, 200 for a "
                    + "delivery seen before, 202 ignored for other types.")
    HttpResponse<?> receive(HttpRequest<?> request, @Body byte[] body) {
        if (!Secrets.matches(request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class).orElse(null),
                secret)) {
            announcements.count(HarborIngress.SOURCE, "unknown", "unauthorized");
            return IngressResponses.unauthorized("the Authorization header does not carry the webhook secret");
        }
        if (body.length > IngressResponses.MAX_BODY) {
            announcements.count(HarborIngress.SOURCE, "unknown", "rejected");
            return IngressResponses.tooLarge();
        }
        IncomingEvent incoming;
        try {
            incoming = cloudEvents.read(request.getHeaders(), body);
        } catch (UnreadableEventException e) {
            announcements.count(HarborIngress.SOURCE, "unknown", "rejected");
            return IngressResponses.invalid(e);
        }
        Optional<IncomingEvent.Envelope> cloudEvent = incoming.cloudEvent();
        JsonNode payload = incoming.data();
        if (!payload.isObject()) {
            return rejected(cloudEvent.isPresent() ? "data" : "body", "must be a JSON object");
        }
        String type = cloudEvent.map(IncomingEvent.Envelope::type).orElseGet(() -> payload.path("type").asText());
        String kind = HarborPayloads.kindOf(type);
        if (kind == null) {
            announcements.count(HarborIngress.SOURCE, type.isEmpty() ? "unknown" : "other", "ignored");
            return type.isEmpty() ? rejected("type", "is required")
                    : IngressResponses.ignored(type + " is not an artifact, scan, quota, replication or tag retention "
                    + "event");
        }
        JsonNode data = cloudEvent.isPresent() ? payload : payload.path("event_data");
        String operator = cloudEvent.flatMap(event -> event.extension("operator"))
                .orElseGet(() -> payload.path("operator").asText(""));
        Instant at;
        try {
            at = cloudEvent.isPresent() ? Instant.parse(cloudEvent.get().time() == null ? ""
                    : cloudEvent.get().time()) : Instant.ofEpochSecond(payload.path("occur_at").asLong());
        } catch (DateTimeException e) {
            return rejected(cloudEvent.isPresent() ? "time" : "occur_at", "is not a time (RFC 3339)");
        }
        String delivery = payloads.fingerprint(kind, at, operator, data);
        String by = operator.isEmpty() ? null : operator;
        HarborPayloads.Parsed parsed = payloads.parse(kind, data, by, at);
        if (parsed instanceof HarborPayloads.Invalid invalid) {
            return rejected(invalid.field(), invalid.reason());
        }
        try {
            if (parsed instanceof HarborPayloads.Operational operational) {
                return IngressResponses.taken(ingress.operational(delivery, operational.event(),
                        operational.removed(), by, at), List.of(kind));
            }
            List<Announcement> facts = ((HarborPayloads.Facts) parsed).facts();
            return IngressResponses.taken(ingress.take(delivery, facts),
                    facts.stream().map(Announcement::kind).toList());
        } catch (IllegalArgumentException e) {
            announcements.count(HarborIngress.SOURCE, kind, "rejected");
            return ApiResponses.badRequest("body", "describes an image event that cannot be: " + e.getMessage());
        }
    }

    private HttpResponse<?> rejected(String field, String reason) {
        announcements.count(HarborIngress.SOURCE, "unknown", "rejected");
        return ApiResponses.badRequest(field, reason);
    }
}

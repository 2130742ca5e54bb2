package io.layerline.build.adapter.in.http;

import io.layerline.build.application.Announcement;
import io.layerline.build.application.ImageAnnouncements;
import io.layerline.http.ApiResponses;
import io.layerline.http.IngressAnswer;
import io.layerline.http.cloudevents.UnreadableEventException;
import io.micronaut.http.HttpResponse;

import java.util.List;
import java.util.Locale;

/** What the CI and Harbor ingress answer. */
final class IngressResponses {

    static final int MAX_BODY = 1_048_576;

    private IngressResponses() {
    }

    /**
     * Announces a delivery's facts: {@code 202}, or {@code 200} for a delivery seen before; {@code 400} when a fact
     * would break its event's contract (a tag that is not a tag, say): nothing is announced then.
     */
    static HttpResponse<?> announce(ImageAnnouncements announcements, String source, String deliveryId,
                                    List<? extends Announcement> facts) {
        ImageAnnouncements.Outcome outcome;
        try {
            outcome = announcements.announce(source, deliveryId, facts);
        } catch (IllegalArgumentException e) {
            facts.forEach(fact -> announcements.count(source, fact.kind(), "rejected"));
            return ApiResponses.badRequest("body", "describes an image event that cannot be: " + e.getMessage());
        }
        return taken(outcome, facts.stream().map(Announcement::kind).toList());
    }

    /** A delivery taken in to be announced: {@code 202}, or {@code 200} for one seen before. */
    static HttpResponse<?> taken(ImageAnnouncements.Outcome outcome, List<String> events) {
        IngressAnswer body = new IngressAnswer(outcome.name().toLowerCase(Locale.ROOT), events, null);
        return outcome == ImageAnnouncements.Outcome.ACCEPTED ? HttpResponse.accepted().body(body)
                : HttpResponse.ok(body);
    }

    static HttpResponse<?> ignored(String reason) {
        return IngressAnswer.ignored(reason);
    }

    static HttpResponse<?> unauthorized(String message) {
        return ApiResponses.unauthorized(message);
    }

    static HttpResponse<?> tooLarge() {
        return ApiResponses.tooLarge("body", "is larger than " + MAX_BODY + " bytes");
    }

    /** A request that holds no event: nothing is announced. */
    static HttpResponse<?> invalid(UnreadableEventException invalid) {
        return ApiResponses.badRequest(invalid.field(), invalid.reason());
    }
}

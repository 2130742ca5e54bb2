package io.layerline.build.adapter.in.http;

import io.layerline.build.application.ImageAnnouncements;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Locale;

/** What the CI and Harbor ingress answer. */
final class IngressResponses {

    static final int MAX_BODY = 1_048_576;

    private IngressResponses() {
    }

    /** @param events the event types announced (or that would have been, for a duplicate) */
    @Serdeable
    record IngressBody(String outcome, List<String> events, String reason) {
    }

    static HttpResponse<?> announced(ImageAnnouncements.Outcome outcome, List<String> events) {
        IngressBody body = new IngressBody(outcome.name().toLowerCase(Locale.ROOT), events, null);
        return outcome == ImageAnnouncements.Outcome.ACCEPTED ? HttpResponse.accepted().body(body)
                : HttpResponse.ok(body);
    }

    static HttpResponse<?> ignored(String reason) {
        return HttpResponse.accepted().body(new IngressBody("ignored", List.of(), reason));
    }

    static HttpResponse<?> unauthorized(String message) {
        return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(new ErrorBody(message, List.of()));
    }

    static HttpResponse<?> tooLarge() {
        return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                .body(ErrorBody.of("body", "is larger than " + MAX_BODY + " bytes"));
    }
}

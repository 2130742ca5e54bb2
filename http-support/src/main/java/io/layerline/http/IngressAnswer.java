package io.layerline.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What an ingress endpoint answers a delivery it took or left: {@code accepted}, {@code duplicate} or {@code ignored},
 * the event types it became (or would have), and for an ignored one why. Every service's ingress answers alike.
 */
@Serdeable
public record IngressAnswer(String outcome, List<String> events, @Nullable String reason) {

    /** {@code 202}: acknowledged and not taken in, with the reason (an artifact that is not an image, say). */
    public static HttpResponse<IngressAnswer> ignored(String reason) {
        return HttpResponse.accepted().body(new IngressAnswer("ignored", List.of(), reason));
    }
}

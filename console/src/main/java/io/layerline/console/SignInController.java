package io.layerline.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the page whether a token is accepted before it keeps it: a yes or no with a reason, always {@code 200}, so
 * a mistyped token is a message on the form rather than a failed request in the browser's console.
 */
@Controller("/console")
final class SignInController {

    private static final Logger LOG = LoggerFactory.getLogger(SignInController.class);

    private final HttpClient client;
    private final Upstreams upstreams;

    SignInController(@Client HttpClient client, Upstreams upstreams) {
        this.client = client;
        this.upstreams = upstreams;
    }

    @Serdeable
    record SignIn(@Nullable String token) {
    }

    @Serdeable
    record Verdict(boolean signedIn, @Nullable String reason) {
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(uri = "/sign-in", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<Verdict> signIn(@Body SignIn request) {
        if (request.token() == null || request.token().isBlank()) {
            return HttpResponse.ok(new Verdict(false, "enter a token"));
        }
        if (!request.token().strip().chars().allMatch(c -> c > ' ' && c < 127)) {
            return HttpResponse.ok(new Verdict(false, "a token is letters, digits and signs, without spaces"));
        }
        HttpRequest<?> probe = HttpRequest.GET(upstreams.signIn().resolve("/api/v1/environments"))
                .bearerAuth(request.token().strip());
        try {
            client.toBlocking().exchange(probe);
            return HttpResponse.ok(new Verdict(true, null));
        } catch (HttpClientResponseException e) {
            if (e.getStatus() == HttpStatus.UNAUTHORIZED || e.getStatus() == HttpStatus.FORBIDDEN) {
                return HttpResponse.ok(new Verdict(false, "this token is not accepted"));
            }
            LOG.warn("Checking a token, {} answered {}", upstreams.signIn(), e.getStatus().getCode());
            return HttpResponse.<Verdict>status(HttpStatus.BAD_GATEWAY)
                    .body(new Verdict(false, "the services answered " + e.getStatus().getCode() + "; try again"));
        } catch (HttpClientException e) {
            LOG.warn("Checking a token, {} cannot be reached: {}", upstreams.signIn(), e.getMessage());
            return HttpResponse.<Verdict>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new Verdict(false, "the services cannot be reached; try again"));
        }
    }
}

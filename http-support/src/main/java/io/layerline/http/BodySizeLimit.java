package io.layerline.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.util.List;
import java.util.Map;

/**
 * Refuses with 413, from its {@code Content-Length} and before a byte of it is read, a request body larger than
 * {@code layerline.http.max-body} (1 MiB, in bytes) — except on the paths of
 * {@code layerline.http.large-body-paths} (the build-service's context uploads), which only the server's
 * {@code max-request-size} bounds. A body sent without a
 * length is bounded by {@code max-request-size} and by each endpoint's own check.
 */
@ServerFilter("/api/**")
public class BodySizeLimit implements Ordered {

    private final long maxBody;
    private final List<String> largeBodyPaths;

    BodySizeLimit(@Value("${layerline.http.max-body:1048576}") long maxBody,
                  @Value("${layerline.http.large-body-paths:}") List<String> largeBodyPaths) {
        this.maxBody = maxBody;
        this.largeBodyPaths = largeBodyPaths.stream().filter(path -> !path.isBlank()).toList();
    }

    /** Before authentication, so an oversized body is refused without any work. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseOversized(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (length <= maxBody || largeBodyPaths.stream().anyMatch(request.getPath()::startsWith)) {
            return null;
        }
        return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE).body(Map.of(
                "message", "body is larger than " + maxBody + " bytes",
                "errors", List.of(Map.of("field", "body", "message", "is larger than " + maxBody + " bytes"))));
    }
}

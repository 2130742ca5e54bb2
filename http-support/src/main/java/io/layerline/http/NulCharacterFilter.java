package io.layerline.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a path or query parameter holding a NUL character with a 400: no name, digest or text of the APIs can
 * hold one, and PostgreSQL cannot store one, so it is stopped here rather than failing deep in a query.
 */
@ServerFilter("/api/**")
public class NulCharacterFilter {

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseNul(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.indexOf('\u0000') >= 0 || path.toLowerCase(Locale.ROOT).contains("%00")) {
            return refusal("the path holds a NUL character");
        }
        for (String name : request.getParameters().names()) {
            for (String value : request.getParameters().getAll(name)) {
                if (value.indexOf('\u0000') >= 0 || name.indexOf('\u0000') >= 0) {
                    return refusal("query parameter " + name.replace('\u0000', '?') + " holds a NUL character");
                }
            }
        }
        return null;
    }

    private static HttpResponse<?> refusal(String message) {
        return HttpResponse.badRequest(Map.of("message", message, "errors", List.of()));
    }
}

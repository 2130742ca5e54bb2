package io.layerline.build.adapter.in.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Locale;

/**
 * Refuses a path or query parameter holding a NUL character: no name, digest or text of this API can, and
 * PostgreSQL cannot store one, so it is a 400 here rather than an error deep in a query.
 */
@ServerFilter("/api/**")
class NulCharacterFilter {

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseNul(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.indexOf('\u0000') >= 0 || path.toLowerCase(Locale.ROOT).contains("%00")) {
            return HttpResponse.badRequest(new ErrorBody("the path holds a NUL character", List.of()));
        }
        for (String name : request.getParameters().names()) {
            for (String value : request.getParameters().getAll(name)) {
                if (value.indexOf('\u0000') >= 0 || name.indexOf('\u0000') >= 0) {
                    return HttpResponse.badRequest(new ErrorBody("query parameter " + name
                            + " holds a NUL character", List.of()));
                }
            }
        }
        return null;
    }
}

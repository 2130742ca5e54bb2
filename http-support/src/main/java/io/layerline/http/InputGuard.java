package io.layerline.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses with a 400 naming the part a path, a query parameter or a CloudEvents {@code ce-*} header that holds what no
 * text may ({@link Text}): it is stopped here rather than failing deep in a query. Bodies are {@link BodyGuard}'s.
 */
@ServerFilter("/api/**")
public class InputGuard {

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuse(HttpRequest<?> request) {
        String path = request.getPath();
        if (Text.problem(path).isPresent() || path.toLowerCase(Locale.ROOT).contains("%00")) {
            return ApiResponses.badRequest("path", Text.problem(path).orElse("holds a control character (U+0000)"));
        }
        for (String name : request.getParameters().names()) {
            Optional<String> problem = Text.problem(name).or(() -> request.getParameters().getAll(name).stream()
                    .map(Text::problem).flatMap(Optional::stream).findFirst());
            if (problem.isPresent()) {
                return ApiResponses.badRequest(Text.printable(name), problem.get());
            }
        }
        for (Map.Entry<String, List<String>> header : request.getHeaders()) {
            if (header.getKey().toLowerCase(Locale.ROOT).startsWith("ce-")) {
                Optional<String> problem = header.getValue().stream().map(Text::problem).flatMap(Optional::stream)
                        .findFirst();
                if (problem.isPresent()) {
                    return ApiResponses.badRequest(Text.printable(header.getKey().toLowerCase(Locale.ROOT)),
                            problem.get());
                }
            }
        }
        return null;
    }
}

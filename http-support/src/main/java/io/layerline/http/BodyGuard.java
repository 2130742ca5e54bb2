package io.layerline.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads every JSON string of a request body — values and names, at any depth — before a route binds it, and refuses
 * with a 400 naming its path ({@code rules[1].pattern}) a string that holds what no text may ({@link Text}) or that is
 * longer than {@code layerline.http.max-string} characters (65,536): such a string would otherwise reach a query,
 * where PostgreSQL refuses a NUL with a server error. It refuses too a body nested deeper than
 * {@code layerline.http.max-depth} (64) objects and arrays: a JSON tree that deep overflows the stack of the decoder
 * that binds it. A body that is not JSON is left to its route, which says so.
 */
@ServerFilter(value = "/api/**", methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
public class BodyGuard implements Ordered {

    private static final JsonFactory JSON = new JsonFactory();

    private final int maxString;
    private final int maxDepth;

    BodyGuard(@Value("${layerline.http.max-string:65536}") int maxString,
              @Value("${layerline.http.max-depth:64}") int maxDepth) {
        this.maxString = maxString;
        this.maxDepth = maxDepth;
    }

    /** After authentication: an unauthenticated caller's body is not read. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuse(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (body == null || body.length == 0 || !isJson(request)) {
            return null;
        }
        return problem(body).map(error -> HttpResponse.badRequest(error)).orElse(null);
    }

    /** The first string of a JSON document that cannot be taken, as the error naming it. */
    Optional<ApiError> problem(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructStart() && ++depth > maxDepth) {
                    return Optional.of(ApiError.field(pathOf(parser.getParsingContext().getParent().pathAsPointer()),
                            "is nested deeper than " + maxDepth + " objects and arrays"));
                }
                if (token.isStructEnd()) {
                    depth--;
                }
                if (token != JsonToken.FIELD_NAME && token != JsonToken.VALUE_STRING) {
                    continue;
                }
                String text = parser.getText();
                String where = token == JsonToken.FIELD_NAME
                        ? pathOf(parser.getParsingContext().getParent().pathAsPointer()) + " (a field name)"
                        : pathOf(parser.getParsingContext().pathAsPointer());
                Optional<String> problem = Text.problem(text);
                if (problem.isEmpty() && text.length() > maxString) {
                    problem = Optional.of("is longer than " + maxString + " characters");
                }
                if (problem.isPresent()) {
                    return Optional.of(ApiError.field(where, problem.get()));
                }
            }
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean isJson(HttpRequest<?> request) {
        Optional<MediaType> type = request.getContentType();
        return type.isEmpty() || type.get().getSubtype().equals("json") || type.get().getSubtype().endsWith("+json");
    }

    /** {@code /rules/1/pattern} as {@code rules[1].pattern}; the root as {@code body}. */
    static String pathOf(JsonPointer pointer) {
        StringBuilder path = new StringBuilder();
        for (JsonPointer at = pointer; at != null && !at.matches(); at = at.tail()) {
            if (at.mayMatchElement()) {
                path.append('[').append(at.getMatchingIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(Text.printable(at.getMatchingProperty()));
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}

package io.layerline.http;

import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every error the framework answers for us — an exception nobody handled, a parameter that would not convert, a body
 * that is not the JSON a route takes, a route that does not exist — gets the {@link ApiError} body. A server error
 * answers only {@code internal error} and an id, and logs its whole cause under that id: no exception, SQL or stack
 * text reaches a client.
 */
@Singleton
public class ErrorAnswers implements ErrorResponseProcessor<ApiError> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);
    /** How Micronaut Serialization names the property it could not decode: {@code property [Integer priority]}. */
    private static final Pattern SERDE_PROPERTY = Pattern.compile("property \\[(?:[^\\]\\s]+\\s)?([A-Za-z0-9_$]+)]");

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        ApiError body;
        if (response.code() >= 500) {
            String errorId = UUID.randomUUID().toString();
            LOG.error("internal error {} answering {} {}", errorId, request.getMethodName(), request.getPath(),
                    context.getRootCause().orElse(null));
            body = ApiError.internal(errorId);
        } else {
            body = clientError(context, response);
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }

    private static ApiError clientError(ErrorContext context, MutableHttpResponse<?> response) {
        Throwable cause = context.getRootCause().orElse(null);
        if (cause instanceof ConversionErrorException conversion) {
            return isBody(conversion.getArgument()) ? bodyError(conversion)
                    : ApiError.field(conversion.getArgument().getName(), "is not a valid "
                    + conversion.getArgument().getType().getSimpleName().toLowerCase(Locale.ROOT));
        }
        if (cause instanceof UnsatisfiedArgumentException unsatisfied) {
            return isBody(unsatisfied.getArgument()) ? ApiError.field("body", "is required")
                    : ApiError.field(unsatisfied.getArgument().getName(), "is required");
        }
        if (cause instanceof CodecException) {
            return ApiError.field("body", "is not valid JSON for this request");
        }
        if (cause == null && context.hasErrors()) {
            return ApiError.message(context.getErrors().get(0).getMessage());
        }
        return ApiError.message(response.reason());
    }

    /** A body that is JSON but not of the route's shape: the field that would not decode, when it can be told. */
    private static ApiError bodyError(ConversionErrorException conversion) {
        Throwable reason = conversion.getConversionError().getCause();
        List<String> path = new ArrayList<>();
        for (Throwable at = reason; at != null && path.size() < 8; at = at.getCause() == at ? null : at.getCause()) {
            Matcher property = SERDE_PROPERTY.matcher(String.valueOf(at.getMessage()));
            if (property.find()) {
                path.add(property.group(1));
            }
        }
        return path.isEmpty() ? ApiError.field("body", "is not valid JSON for this request")
                : ApiError.field(String.join(".", path), "has the wrong type");
    }

    private static boolean isBody(Argument<?> argument) {
        return argument.getAnnotationMetadata().hasAnnotation(Body.class);
    }
}

package io.layerline.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;

/** The error answers every controller gives, each with an {@link ApiError} body. */
public final class ApiResponses {

    private ApiResponses() {
    }

    public static MutableHttpResponse<ApiError> badRequest(String field, String message) {
        return HttpResponse.badRequest(ApiError.field(field, message));
    }

    public static MutableHttpResponse<ApiError> badRequest(String message, List<ApiError.FieldError> errors) {
        return HttpResponse.badRequest(ApiError.fields(message, errors));
    }

    public static MutableHttpResponse<ApiError> notFound(String message) {
        return HttpResponse.notFound(ApiError.message(message));
    }

    public static MutableHttpResponse<ApiError> conflict(String message) {
        return HttpResponse.<ApiError>status(HttpStatus.CONFLICT).body(ApiError.message(message));
    }

    public static MutableHttpResponse<ApiError> tooLarge(String field, String message) {
        return HttpResponse.<ApiError>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE).body(ApiError.field(field, message));
    }

    /** The caller is known but may not do this (a role or a team it does not have): the message says what. */
    public static MutableHttpResponse<ApiError> forbidden(String message) {
        return HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN).body(ApiError.message(message));
    }

    public static MutableHttpResponse<ApiError> unauthorized(String message) {
        return HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED).body(ApiError.message(message));
    }

    /**
     * An upstream the request needed failed: the answer names which one ({@code the registry 127.0.0.1:5000}), never
     * what it said; the caller logs the cause.
     */
    public static MutableHttpResponse<ApiError> badGateway(String upstream) {
        return HttpResponse.<ApiError>status(HttpStatus.BAD_GATEWAY)
                .body(ApiError.message(upstream + " could not be read; try again later"));
    }
}

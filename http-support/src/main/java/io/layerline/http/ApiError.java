package io.layerline.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The one body of every error the APIs answer: what went wrong, each field that is wrong and why, and for an internal
 * error only the id under which its cause was logged — never an exception's, a driver's or a stack's text.
 *
 * @param errorId set on 5xx answers only
 */
@Serdeable
public record ApiError(String message, List<FieldError> errors, @Nullable String errorId) {

    /** @param field the JSON path of a body field ({@code rules[1].pattern}), or a query or path parameter's name */
    @Serdeable
    public record FieldError(String field, String message) {
    }

    public ApiError {
        errors = List.copyOf(errors);
    }

    /** One field is wrong: the message reads as a sentence, {@code registry holds a control character}. */
    public static ApiError field(String field, String message) {
        return new ApiError(field + " " + message, List.of(new FieldError(field, message)), null);
    }

    public static ApiError fields(String message, List<FieldError> errors) {
        return new ApiError(message, errors, null);
    }

    public static ApiError message(String message) {
        return new ApiError(message, List.of(), null);
    }

    public static ApiError internal(String errorId) {
        return new ApiError("internal error", List.of(), errorId);
    }
}

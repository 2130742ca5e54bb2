package io.layerline.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;

import java.util.Optional;

/**
 * The one paging vocabulary of the APIs: {@code limit} (each list's default and maximum) and {@code offset} (from 0);
 * a list answers its page as a JSON array. A wrong value is a 400 naming the parameter.
 */
public record Paging(int limit, int offset) {

    /** The page asked for, or the 400 that says what is wrong with it. */
    public static Result of(@Nullable Integer limit, @Nullable Integer offset, int defaultLimit, int maxLimit) {
        if (limit != null && (limit < 1 || limit > maxLimit)) {
            return new Result(null, ApiResponses.badRequest("limit", "must be 1 to " + maxLimit));
        }
        if (offset != null && offset < 0) {
            return new Result(null, ApiResponses.badRequest("offset", "must not be negative"));
        }
        return new Result(new Paging(limit == null ? defaultLimit : limit, offset == null ? 0 : offset), null);
    }

    /** Either a page or the answer refusing it. */
    public record Result(@Nullable Paging paging, @Nullable HttpResponse<ApiError> refusal) {

        public Optional<HttpResponse<ApiError>> refused() {
            return Optional.ofNullable(refusal);
        }
    }
}

package io.layerline.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one paging vocabulary of the APIs. Every list takes {@code limit} (each list's default and maximum). A page of
 * a stable ordering takes {@code offset} (from 0) and answers a JSON array; a feed or a search, where rows arrive
 * while a client pages, takes the cursor {@code after} — the {@code next} of the page before — and answers a
 * {@link Page}. A wrong value is a 400 naming the parameter.
 */
public record Paging(int limit, int offset) {

    /** A page of a feed: its items, and the cursor of the next page ({@code ?after=}), absent on the last. */
    @Serdeable
    public record Page<T>(List<T> items, @Nullable String next) {

        /** {@code items} as a page of {@code limit}: a full page has a next, named by {@code cursor} of its last. */
        public static <T> Page<T> of(List<T> items, int limit, Function<T, String> cursor) {
            return new Page<>(items, items.size() == limit && !items.isEmpty()
                    ? cursor.apply(items.get(items.size() - 1)) : null);
        }
    }

    /** The limit asked for, for a feed paged by {@code after}, or the 400 that says what is wrong with it. */
    public static Result limit(@Nullable Integer limit, int defaultLimit, int maxLimit) {
        return of(limit, null, defaultLimit, maxLimit);
    }

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

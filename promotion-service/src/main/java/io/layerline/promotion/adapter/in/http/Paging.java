package io.layerline.promotion.adapter.in.http;

import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/** {@code limit} and {@code offset} query parameters, checked. */
record Paging(int limit, int offset) {

    static final int MAX_LIMIT = 500;

    /** The paging asked for, or what is wrong with it. */
    static Optional<Bodies.ErrorResponse> problem(@Nullable Integer limit, @Nullable Integer offset, int maxLimit) {
        if (limit != null && (limit < 1 || limit > maxLimit)) {
            return Optional.of(Bodies.ErrorResponse.of("limit", "must be between 1 and " + maxLimit));
        }
        if (offset != null && offset < 0) {
            return Optional.of(Bodies.ErrorResponse.of("offset", "must not be negative"));
        }
        return Optional.empty();
    }

    static Paging of(@Nullable Integer limit, @Nullable Integer offset, int defaultLimit) {
        return new Paging(limit == null ? defaultLimit : limit, offset == null ? 0 : offset);
    }
}

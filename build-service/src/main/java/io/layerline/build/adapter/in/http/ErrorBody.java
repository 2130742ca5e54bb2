package io.layerline.build.adapter.in.http;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What every 4xx of the build-service API says: the problem, and each field that is wrong and why. */
@Serdeable
record ErrorBody(String message, List<FieldErrorBody> errors) {

    @Serdeable
    record FieldErrorBody(String field, String message) {
    }

    static ErrorBody of(String field, String message) {
        return new ErrorBody(field + " " + message, List.of(new FieldErrorBody(field, message)));
    }
}

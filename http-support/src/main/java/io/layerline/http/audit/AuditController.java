package io.layerline.http.audit;

import io.layerline.http.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The service's API audit trail, newest first, a page at a time; admins only. */
@Controller("/api/v1/audit")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {

    private static final int MAX_LIMIT = 1000;

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @Serdeable
    record EntryBody(long id, Instant occurredAt, @Nullable String principal, @Nullable String authenticatedBy,
                     String method, String path, int status) {
    }

    @Serdeable
    record PageBody(List<EntryBody> items, @Nullable String next) {
    }

    @Get(uri = "{?principal,before,limit}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> entries(@Nullable @QueryValue String principal, @Nullable @QueryValue String before,
                            @Nullable @QueryValue String limit) {
        if (before != null && !before.matches("\\d{1,18}")) {
            return refusal("before", "must be the id of an entry");
        }
        if (limit != null && !limit.matches("\\d{1,4}")
                || limit != null && (Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_LIMIT)) {
            return refusal("limit", "must be 1 to " + MAX_LIMIT);
        }
        Long cursor = before == null ? null : Long.valueOf(before);
        int size = limit == null ? 100 : Integer.parseInt(limit);
        List<EntryBody> items = trail.newest(principal, cursor, size).stream()
                .map(entry -> new EntryBody(entry.id(), entry.occurredAt(), entry.principal(),
                        entry.authenticatedBy(), entry.method(), entry.path(), entry.status()))
                .toList();
        String next = items.size() == size ? String.valueOf(items.get(items.size() - 1).id()) : null;
        return HttpResponse.ok(new PageBody(items, next));
    }

    private static HttpResponse<?> refusal(String field, String reason) {
        return HttpResponse.badRequest(Map.of("message", field + " " + reason, "errors",
                List.of(Map.of("field", field, "message", reason))));
    }
}

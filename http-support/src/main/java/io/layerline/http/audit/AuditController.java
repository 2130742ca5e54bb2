package io.layerline.http.audit;

import io.layerline.http.Paging;
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

    @Get(uri = "{?principal,after,limit}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> entries(@Nullable @QueryValue String principal, @Nullable @QueryValue Long after,
                            @Nullable @QueryValue Integer limit) {
        Paging.Result page = Paging.limit(limit, 100, MAX_LIMIT);
        if (page.refused().isPresent()) {
            return page.refused().get();
        }
        int size = page.paging().limit();
        List<EntryBody> items = trail.newest(principal, after, size).stream()
                .map(entry -> new EntryBody(entry.id(), entry.occurredAt(), entry.principal(),
                        entry.authenticatedBy(), entry.method(), entry.path(), entry.status()))
                .toList();
        return HttpResponse.ok(Paging.Page.of(items, size, entry -> String.valueOf(entry.id())));
    }
}

package io.layerline.catalog.adapter.in.http;

import io.layerline.catalog.application.RebuildCascades;
import io.layerline.catalog.domain.cascade.Cascade;
import io.layerline.http.ApiResponses;
import io.layerline.http.Paging;
import io.layerline.http.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Locale;
import java.util.Optional;

/** Rebuild cascades: their progress per repository, and pausing, resuming and excluding. */
@Controller("/api/v1/cascades")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "cascades")
class CascadesController {

    private final RebuildCascades cascades;

    CascadesController(RebuildCascades cascades) {
        this.cascades = cascades;
    }

    @Get(uri = "{?status,after,limit}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Cascades, newest first, with counts by state, a page at a time: the next page is "
            + "after=<next>")
    HttpResponse<?> list(@Nullable @QueryValue String status, @Nullable @QueryValue String after,
                         @Nullable @QueryValue Integer limit) {
        Cascade.Status wanted = null;
        if (status != null) {
            try {
                wanted = Cascade.Status.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return ApiResponses.badRequest("status", "must be running, paused or finished");
            }
        }
        Paging.Result page = Paging.limit(limit, 20, 200);
        if (page.refused().isPresent()) {
            return page.refused().get();
        }
        int size = page.paging().limit();
        return HttpResponse.ok(Paging.Page.of(cascades.list(wanted, after, size).stream()
                .map(cascade -> Bodies.cascade(cascade, false)).toList(), size, Bodies.CascadeBody::id));
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A cascade with each repository's state: pending, requested, rebuilt, failed, skipped")
    HttpResponse<?> get(@PathVariable String id) {
        return cascades.find(id).<HttpResponse<?>>map(cascade -> HttpResponse.ok(Bodies.cascade(cascade, true)))
                .orElseGet(() -> ApiResponses.notFound("no cascade " + id));
    }

    @Secured(Roles.OPERATOR)
    @Post(uri = "/{id}/pause", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Stops requesting rebuilds; those already requested are still recorded")
    HttpResponse<?> pause(@PathVariable String id) {
        return answer(id, cascades.pause(id));
    }

    @Secured(Roles.OPERATOR)
    @Post(uri = "/{id}/resume", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Requests what became due while paused, and goes on")
    HttpResponse<?> resume(@PathVariable String id) {
        return answer(id, cascades.resume(id));
    }

    @Secured(Roles.OPERATOR)
    @Post(uri = "/{id}/exclusions", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Leaves a repository (registry/repository) out of the cascade; what only builds on it too")
    HttpResponse<?> exclude(@PathVariable String id, @Body Bodies.ExclusionRequest request) {
        if (request.repository() == null || Bodies.split(request.repository()) == null) {
            return ApiResponses.badRequest("repository", "is required, as registry/repository");
        }
        String by = request.by() == null || request.by().isBlank() ? "an operator" : request.by().strip();
        return answer(id, cascades.exclude(id, request.repository(), by));
    }

    private HttpResponse<?> answer(String id, Optional<Cascade.Outcome> outcome) {
        if (outcome.isEmpty()) {
            return ApiResponses.notFound("no cascade " + id);
        }
        if (outcome.get() instanceof Cascade.Rejected rejected) {
            return ApiResponses.conflict(rejected.reason());
        }
        return cascades.find(id).<HttpResponse<?>>map(cascade -> HttpResponse.ok(Bodies.cascade(cascade, true)))
                .orElseGet(() -> ApiResponses.notFound("no cascade " + id));
    }
}

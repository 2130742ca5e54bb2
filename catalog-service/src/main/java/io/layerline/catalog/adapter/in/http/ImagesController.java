package io.layerline.catalog.adapter.in.http;

import io.layerline.catalog.application.GraphQueries;
import io.layerline.http.ApiResponses;
import io.layerline.http.Paging;
import io.layerline.http.security.Roles;
import io.micrometer.core.annotation.Timed;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Images by digest, or by the commit and source repository they were built from. */
@Controller("/api/v1/images")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "images")
class ImagesController {

    private final GraphQueries queries;

    ImagesController(GraphQueries queries) {
        this.queries = queries;
    }

    @Get(uri = "{?commit,sourceRepository,limit}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Images built from a commit (a prefix of 7 or more characters) and/or a source repository, "
            + "newest first")
    @Timed(value = "layerline.catalog.query", extraTags = {"query", "images"})
    HttpResponse<?> builtFrom(@Nullable @QueryValue String commit, @Nullable @QueryValue String sourceRepository,
                              @Nullable @QueryValue Integer limit) {
        if (commit == null && sourceRepository == null) {
            return ApiResponses.badRequest("commit", "is required, or sourceRepository");
        }
        if (commit != null && !commit.matches("[0-9a-fA-F]{7,64}")) {
            return ApiResponses.badRequest("commit", "must be 7 to 64 hex digits");
        }
        Paging.Result page = Paging.limit(limit, 50, 500);
        if (page.refused().isPresent()) {
            return page.refused().get();
        }
        return HttpResponse.ok(queries.imagesBuiltFrom(sourceRepository, commit == null ? null : commit.toLowerCase(),
                page.paging().limit()).stream().map(Bodies::image).toList());
    }

    @Get(uri = "/{digest}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "An image: where it is, its bases by stage, lineage, children, where it runs, its labels")
    @Timed(value = "layerline.catalog.query", extraTags = {"query", "image"})
    HttpResponse<?> get(@PathVariable String digest) {
        if (!Bodies.isDigest(digest)) {
            return Bodies.badDigest();
        }
        return queries.image(digest).<HttpResponse<?>>map(detail -> HttpResponse.ok(new Bodies.ImageDetailBody(digest,
                        detail.images().stream().map(Bodies::image).toList(),
                        detail.bases().stream().map(base -> new Bodies.BaseBody(base.stageIndex(), base.reference(),
                                base.digest(), base.finalStage())).toList(),
                        Bodies.named(detail.lineage()), Bodies.named(detail.children()),
                        detail.deployments().stream().map(Bodies::deployment).toList(), detail.labels())))
                .orElseGet(() -> ApiResponses.notFound("the catalog has no image " + digest));
    }
}

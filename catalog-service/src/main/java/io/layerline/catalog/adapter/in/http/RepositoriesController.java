package io.layerline.catalog.adapter.in.http;

import io.layerline.catalog.application.GraphQueries;
import io.layerline.catalog.application.ManageMetadata;
import io.layerline.catalog.application.RepositoryView;
import io.layerline.catalog.application.UpdateMetadata;
import io.layerline.catalog.domain.graph.Tier;
import io.layerline.http.ApiError;
import io.layerline.http.ApiResponses;
import io.layerline.http.Paging;
import io.layerline.http.security.Roles;
import io.micrometer.core.annotation.Timed;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Repositories, named {@code registry/repository} in the path ({@code /api/v1/repositories/harbor.example.com/team/app}):
 * search, details, and the metadata people enter.
 */
@Controller("/api/v1/repositories")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "repositories")
class RepositoriesController {

    private static final int MAX_LIMIT = 500;

    private final GraphQueries queries;
    private final ManageMetadata manage;

    RepositoriesController(GraphQueries queries, ManageMetadata manage) {
        this.queries = queries;
        this.manage = manage;
    }

    @Get(uri = "{?owner,tier,sourceRepository,commit,q,after,limit}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Repositories by owner, tier, source repository, commit (prefix) or text, sorted by name; "
            + "the next page starts after the name in 'next'")
    @Timed(value = "layerline.catalog.query", extraTags = {"query", "search"})
    HttpResponse<?> search(@Nullable @QueryValue String owner, @Nullable @QueryValue String tier,
                           @Nullable @QueryValue String sourceRepository, @Nullable @QueryValue String commit,
                           @Nullable @QueryValue String q, @Nullable @QueryValue String after,
                           @Nullable @QueryValue Integer limit) {
        Tier parsedTier = Bodies.tier(tier);
        if (tier != null && parsedTier == null) {
            return ApiResponses.badRequest("tier", "must be one of os, runtime, tooling, app");
        }
        Paging.Result paging = Paging.limit(limit, 50, MAX_LIMIT);
        if (paging.refused().isPresent()) {
            return paging.refused().get();
        }
        GraphQueries.Page<RepositoryView> page = queries.search(new GraphQueries.Filter(blankToNull(owner),
                parsedTier, blankToNull(sourceRepository), blankToNull(commit), blankToNull(q)), after,
                paging.paging().limit());
        return HttpResponse.ok(new Paging.Page<>(page.items().stream().map(Bodies::repository).toList(),
                page.next()));
    }

    @Get(uri = "/{+name}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A repository: tier, metadata, newest image, recent images, lineage and deployments")
    @Timed(value = "layerline.catalog.query", extraTags = {"query", "repository"})
    HttpResponse<?> get(@PathVariable String name) {
        String[] parts = Bodies.split(name);
        if (parts == null) {
            return ApiResponses.badRequest("name", "must be registry/repository");
        }
        return queries.repository(parts[0], parts[1])
                .<HttpResponse<?>>map(detail -> HttpResponse.ok(new Bodies.RepositoryDetailBody(
                        Bodies.repository(detail.view()), detail.images().stream().map(Bodies::image).toList(),
                        Bodies.named(detail.lineage()), detail.deployments().stream().map(Bodies::deployment)
                        .toList())))
                .orElseGet(() -> ApiResponses.notFound("the catalog has no repository " + name));
    }

    @Secured(Roles.OPERATOR)
    @Put(uri = "/{+name}/metadata", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Replaces what is entered about a repository: ownerTeam, tier, description, docsUrl, contact")
    HttpResponse<?> replace(@PathVariable String name, @Body JsonNode body) {
        return update(name, body, true);
    }

    @Secured(Roles.OPERATOR)
    @Patch(uri = "/{+name}/metadata", consumes = {MediaType.APPLICATION_JSON, "application/merge-patch+json"},
            produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Changes the fields given (JSON merge patch: null clears a field)")
    HttpResponse<?> patch(@PathVariable String name, @Body JsonNode body) {
        return update(name, body, false);
    }

    /** The body is a tree, not a record: in a merge patch a field given as null (clear it) is not a field left out. */
    private HttpResponse<?> update(String name, JsonNode body, boolean replace) {
        String[] parts = Bodies.split(name);
        if (parts == null) {
            return ApiResponses.badRequest("name", "must be registry/repository");
        }
        if (!body.isObject()) {
            return ApiResponses.badRequest("body", "must be a JSON object");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        body.entries().forEach(field -> fields.put(field.getKey(), field.getValue().isNull() ? null
                : field.getValue().isString() ? field.getValue().getStringValue() : field.getValue()));
        UpdateMetadata.Outcome command = UpdateMetadata.parse(parts[0], parts[1], fields, replace);
        if (command instanceof UpdateMetadata.Invalid invalid) {
            return ApiResponses.badRequest("the metadata is invalid", invalid.errors().stream()
                    .map(error -> new ApiError.FieldError(error.field(), error.message())).toList());
        }
        return manage.update(((UpdateMetadata.Valid) command).command())
                .<HttpResponse<?>>map(metadata -> HttpResponse.ok(Bodies.metadata(metadata)))
                .orElseGet(() -> ApiResponses.notFound("the catalog has no repository " + name));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

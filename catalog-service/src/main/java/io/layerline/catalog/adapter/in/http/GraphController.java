package io.layerline.catalog.adapter.in.http;

import io.layerline.catalog.application.GraphQueries;
import io.layerline.http.ApiResponses;
import io.layerline.http.security.Roles;
import io.micrometer.core.annotation.Timed;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The base-image graph: lineage, descendants, the impact of a base change with its waves, and exports. */
@Controller("/api/v1/graph")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "graph")
class GraphController {

    private final GraphQueries queries;

    GraphController(GraphQueries queries) {
        this.queries = queries;
    }

    @Get(uri = "/lineage{?digest}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The image, its parent, its parent's parent… to the root, along final-stage bases")
    @Timed(value = "layerline.catalog.query", extraTags = {"query", "lineage"})
    HttpResponse<?> lineage(@Nullable @QueryValue String digest) {
        return Bodies.isDigest(digest) ? HttpResponse.ok(Bodies.named(queries.lineage(digest))) : Bodies.badDigest();
    }

    @Get(uri = "/descendants{?digest}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Every image built on this one, directly or not, in any stage")
    @Timed(value = "layerline.catalog.query", extraTags = {"query", "descendants"})
    HttpResponse<?> descendants(@Nullable @QueryValue String digest) {
        return Bodies.isDigest(digest) ? HttpResponse.ok(Bodies.named(queries.descendants(digest)))
                : Bodies.badDigest();
    }

    @Get(uri = "/impact{?registry,repository,tag,digest}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Every repository whose newest image descends from a base — one digest, a repository:tag "
            + "or any image of a repository — with owner, tier, where it runs, and the waves to rebuild in")
    @Timed(value = "layerline.catalog.query", extraTags = {"query", "impact"})
    HttpResponse<?> impact(@Nullable @QueryValue String registry, @Nullable @QueryValue String repository,
                           @Nullable @QueryValue String tag, @Nullable @QueryValue String digest) {
        if (digest != null) {
            return Bodies.isDigest(digest) ? HttpResponse.ok(Bodies.impact(queries.impactOfDigest(digest)))
                    : Bodies.badDigest();
        }
        if (registry == null || repository == null) {
            return ApiResponses.badRequest("digest", "is required, or registry and repository (and optionally tag)");
        }
        return HttpResponse.ok(Bodies.impact(queries.impactOfRepository(registry, repository, tag)));
    }

    @Get(uri = "/export{?format,root}")
    @Operation(summary = "The repository graph as JSON, Graphviz DOT or Mermaid; with root, only what builds on it")
    @Timed(value = "layerline.catalog.query", extraTags = {"query", "export"})
    HttpResponse<?> export(@Nullable @QueryValue String format, @Nullable @QueryValue String root) {
        GraphQueries.RepositoryGraph graph = queries.graph(root);
        String chosen = format == null ? "json" : format;
        return switch (chosen) {
            case "json" -> HttpResponse.ok(GraphExport.json(graph)).contentType(MediaType.APPLICATION_JSON_TYPE);
            case "dot" -> HttpResponse.ok(GraphExport.dot(graph)).contentType("text/vnd.graphviz");
            case "mermaid" -> HttpResponse.ok(GraphExport.mermaid(graph)).contentType("text/vnd.mermaid");
            default -> ApiResponses.badRequest("format", "must be json, dot or mermaid");
        };
    }
}

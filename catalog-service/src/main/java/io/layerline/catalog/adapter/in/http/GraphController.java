package io.layerline.catalog.adapter.in.http;

import io.layerline.catalog.application.GraphQueries;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The base-image graph: lineage, descendants and the impact of a base change with its rebuild waves. */
@Controller("/api/v1/graph")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "graph")
class GraphController {

    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    private final GraphQueries queries;

    GraphController(GraphQueries queries) {
        this.queries = queries;
    }

    @Serdeable
    record ErrorBody(String field, String message) {
    }

    @Serdeable
    record ImpactBody(Map<String, String> affected, List<Set<String>> waves, Set<String> inCycles) {
    }

    @Get(uri = "/lineage{?digest}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The image, its parent, its parent's parent… to the root")
    HttpResponse<?> lineage(@Nullable @QueryValue String digest) {
        return invalid(digest) ? badDigest() : HttpResponse.ok(queries.lineage(digest));
    }

    @Get(uri = "/descendants{?digest}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Every image built on this one, directly or not, in any stage")
    HttpResponse<?> descendants(@Nullable @QueryValue String digest) {
        return invalid(digest) ? badDigest() : HttpResponse.ok(queries.descendants(digest));
    }

    @Get(uri = "/impact{?registry,repository,digest}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Every repository whose newest image descends from a base (a repository or one digest), "
            + "and the waves to rebuild them in")
    HttpResponse<?> impact(@Nullable @QueryValue String registry, @Nullable @QueryValue String repository,
                           @Nullable @QueryValue String digest) {
        GraphQueries.Impact impact;
        if (digest != null) {
            if (invalid(digest)) {
                return badDigest();
            }
            impact = queries.impactOfDigest(digest);
        } else if (registry != null && repository != null) {
            impact = queries.impactOfRepository(registry, repository);
        } else {
            return HttpResponse.badRequest(new ErrorBody("digest", "give a digest, or a registry and a repository"));
        }
        return HttpResponse.ok(new ImpactBody(impact.affected(), impact.waves().waves(), impact.waves().inCycles()));
    }

    private static boolean invalid(String digest) {
        return digest == null || !DIGEST.matcher(digest).matches();
    }

    private static HttpResponse<?> badDigest() {
        return HttpResponse.badRequest(new ErrorBody("digest", "must be sha256: and 64 lower-case hex digits"));
    }
}

package io.layerline.promotion.adapter.in.http;

import io.layerline.http.ApiResponses;
import io.layerline.http.Paging;
import io.layerline.http.security.Roles;
import io.layerline.promotion.application.CurrentDeployment;
import io.layerline.promotion.application.DeploymentQueries;
import io.layerline.promotion.domain.deployment.ImageCoordinates;
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

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What runs where, the history of services and images, rollback candidates, labels still to apply. */
@Controller("/api/v1")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "ledger")
class QueriesController {

    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final int MAX_ROLLBACK_CANDIDATES = 100;

    private final DeploymentQueries queries;

    QueriesController(DeploymentQueries queries) {
        this.queries = queries;
    }

    @Get(uri = "/environments", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Every environment something runs in, with how many services and its last change")
    List<Bodies.EnvironmentBody> environments() {
        Map<String, List<CurrentDeployment>> byEnvironment = queries.running(Optional.empty()).stream()
                .collect(Collectors.groupingBy(CurrentDeployment::environment, TreeMap::new, Collectors.toList()));
        return byEnvironment.entrySet().stream()
                .map(entry -> new Bodies.EnvironmentBody(entry.getKey(), entry.getValue().size(),
                        entry.getValue().stream().map(CurrentDeployment::since).max(Comparator.naturalOrder())
                                .orElse(Instant.EPOCH)))
                .toList();
    }

    @Get(uri = "/environments/{environment}/services", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The image each service runs in an environment, and since when")
    List<Bodies.RunningBody> services(@PathVariable String environment) {
        return queries.running(Optional.of(environment)).stream().map(Bodies.RunningBody::of).toList();
    }

    @Get(uri = "/services/{service}/deployments{?environment,limit,offset}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Deployments of a service, newest first")
    HttpResponse<?> serviceHistory(@PathVariable String service, @Nullable @QueryValue String environment,
                                   @Nullable @QueryValue Integer limit, @Nullable @QueryValue Integer offset) {
        Paging.Result page = Paging.of(limit, offset, DEFAULT_LIMIT, MAX_LIMIT);
        if (page.refused().isPresent()) {
            return page.refused().get();
        }
        Paging paging = page.paging();
        return HttpResponse.ok(queries.historyOfService(service, Optional.ofNullable(environment), paging.limit(),
                paging.offset()).stream().map(found -> Bodies.DeploymentResponse.of(found, null)).toList());
    }

    @Get(uri = "/services/{service}/rollback-candidates{?environment,limit}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The last distinct images successfully deployed to the environment, newest first, "
            + "without the one running now")
    HttpResponse<?> rollbackCandidates(@PathVariable String service, @Nullable @QueryValue String environment,
                                       @Nullable @QueryValue Integer limit) {
        if (environment == null || environment.isBlank()) {
            return ApiResponses.badRequest("environment", "is required, e.g. environment=prod");
        }
        Paging.Result page = Paging.limit(limit, 10, MAX_ROLLBACK_CANDIDATES);
        if (page.refused().isPresent()) {
            return page.refused().get();
        }
        return HttpResponse.ok(queries.rollbackCandidates(service, environment, page.paging().limit()).stream()
                .map(Bodies.RollbackCandidateBody::of).toList());
    }

    @Get(uri = "/images{?registry,repository,digest,limit,offset}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Where an image was deployed, the environments it reached and its labels")
    HttpResponse<?> image(@Nullable @QueryValue String registry, @Nullable @QueryValue String repository,
                          @Nullable @QueryValue String digest, @Nullable @QueryValue Integer limit,
                          @Nullable @QueryValue Integer offset) {
        if (registry == null || registry.isBlank()) {
            return ApiResponses.badRequest("registry", "is required");
        }
        if (repository == null || repository.isBlank()) {
            return ApiResponses.badRequest("repository", "is required");
        }
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            return ApiResponses.badRequest("digest", "must be sha256: and 64 hex digits");
        }
        Paging.Result page = Paging.of(limit, offset, DEFAULT_LIMIT, MAX_LIMIT);
        if (page.refused().isPresent()) {
            return page.refused().get();
        }
        Paging paging = page.paging();
        ImageCoordinates image = new ImageCoordinates(registry, repository, digest, Optional.empty());
        DeploymentQueries.ImageHistory history = queries.historyOfImage(image, paging.limit(), paging.offset());
        return HttpResponse.ok(new Bodies.ImageHistoryBody(Bodies.ImageBody.of(image),
                history.environments().stream().map(Bodies.ReachBody::of).toList(),
                history.labels().stream().map(Bodies.LabelBody::of).toList(),
                history.deployments().stream().map(found -> Bodies.DeploymentResponse.of(found, null)).toList()));
    }

    @Get(uri = "/labels/pending{?limit,offset}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Labels recorded in the ledger that the registry does not carry yet, with the last error")
    HttpResponse<?> pendingLabels(@Nullable @QueryValue Integer limit, @Nullable @QueryValue Integer offset) {
        Paging.Result page = Paging.of(limit, offset, DEFAULT_LIMIT, MAX_LIMIT);
        if (page.refused().isPresent()) {
            return page.refused().get();
        }
        Paging paging = page.paging();
        return HttpResponse.ok(queries.pendingLabels(paging.limit(), paging.offset()).stream()
                .map(Bodies.PendingLabelBody::of).toList());
    }
}

package io.layerline.promotion.adapter.in.http;

import io.layerline.http.ApiError;
import io.layerline.http.ApiResponses;
import io.layerline.http.Text;
import io.layerline.http.security.Roles;
import io.layerline.promotion.application.DeploymentQueries;
import io.layerline.promotion.application.Ingress;
import io.layerline.promotion.application.RecordDeployment;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Deployers report finished deployments here, in our own JSON. */
@Controller("/api/v1/deployments")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "deployments")
class DeploymentsController {

    private final RecordDeployment recordDeployment;
    private final DeploymentQueries queries;

    DeploymentsController(RecordDeployment recordDeployment, DeploymentQueries queries) {
        this.recordDeployment = recordDeployment;
        this.queries = queries;
    }

    @Secured(Roles.OPERATOR)
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a finished deployment",
            description = "Idempotent on deploymentId: a repeat answers 200 with the deployment recorded first.")
    @ApiResponse(responseCode = "201", description = "Recorded; the body says what it promoted")
    @ApiResponse(responseCode = "200", description = "Recorded before; the original")
    @ApiResponse(responseCode = "400", description = "Invalid; every wrong field is listed, nothing was written")
    HttpResponse<?> record(@Body Bodies.DeploymentRequest request) {
        return respond(recordDeployment.record(request.toReport(), Ingress.REST));
    }

    @Get(uri = "/{deploymentId}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A recorded deployment, by the deployer's id")
    HttpResponse<?> get(@PathVariable String deploymentId) {
        return queries.deployment(deploymentId)
                .<HttpResponse<?>>map(found -> HttpResponse.ok(Bodies.DeploymentResponse.of(found, null)))
                .orElseGet(() -> ApiResponses.notFound("no deployment " + Text.printable(deploymentId)
                        + " is recorded"));
    }

    /** The answer to a report, whichever way it came in. */
    static HttpResponse<?> respond(RecordDeployment.Outcome result) {
        if (result instanceof RecordDeployment.Recorded recorded) {
            return HttpResponse.status(HttpStatus.CREATED)
                    .headers(headers -> headers.location(URI.create("/api/v1/deployments/"
                            + URLEncoder.encode(recorded.deployment().deployment().externalId(), StandardCharsets.UTF_8))))
                    .body(Bodies.DeploymentResponse.of(recorded.deployment(), recorded.promotion()));
        }
        if (result instanceof RecordDeployment.Duplicate duplicate) {
            return HttpResponse.ok(Bodies.DeploymentResponse.of(duplicate.original(), null));
        }
        RecordDeployment.Rejected rejected = (RecordDeployment.Rejected) result;
        return ApiResponses.badRequest("the deployment is invalid", rejected.errors().stream()
                .map(error -> new ApiError.FieldError(error.field(), error.message())).toList());
    }
}

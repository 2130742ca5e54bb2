package io.layerline.retention.adapter.in.http;

import io.layerline.http.ApiResponses;
import io.layerline.http.security.Roles;
import io.layerline.retention.application.ReconcileInventory;
import io.layerline.retention.application.RegistryArtifacts;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reconciles the inventory with the registry now, instead of waiting for the schedule. */
@Controller("/api/v1/retention/reconciliations")
@Secured(Roles.OPERATOR)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "retention")
class ReconciliationsController {

    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationsController.class);

    private final ReconcileInventory reconcile;

    ReconciliationsController(ReconcileInventory reconcile) {
        this.reconcile = reconcile;
    }

    @Serdeable
    record ReportBody(String registry, int repositories, int seen, int added, int gone) {
    }

    @Post(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Read the registry and bring the inventory in line: unannounced artifacts added, "
            + "vanished ones marked gone")
    HttpResponse<?> reconcile() {
        try {
            return reconcile.reconcile()
                    .<HttpResponse<?>>map(report -> HttpResponse.ok(new ReportBody(report.registry(),
                            report.repositories(), report.seen(), report.added(), report.gone())))
                    .orElseGet(() -> ApiResponses.conflict(
                            "no registry is configured (layerline.retention.registry.type)"));
        } catch (RegistryArtifacts.RegistryException e) {
            LOG.warn("Reconciliation could not read the registry", e);
            return ApiResponses.badGateway("the registry");
        }
    }
}

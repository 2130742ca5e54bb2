package io.layerline.retention.adapter.in.http;

import io.layerline.http.ApiResponses;
import io.layerline.http.security.Roles;
import io.layerline.retention.application.ReconcileInventory;
import io.micronaut.core.annotation.Nullable;
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

import java.util.List;

/** Reconciles the inventory with the managed registries now, instead of waiting for the schedule. */
@Controller("/api/v1/retention/reconciliations")
@Secured(Roles.OPERATOR)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "retention")
class ReconciliationsController {

    private final ReconcileInventory reconcile;

    ReconciliationsController(ReconcileInventory reconcile) {
        this.reconcile = reconcile;
    }

    /** One registry's reconciliation; {@code error} names what could not be read, without the registry's words. */
    @Serdeable
    record RegistryBody(String registry, int repositories, int seen, int added, int gone, @Nullable String error) {
    }

    /** The sums over every managed registry, and each registry's own report. */
    @Serdeable
    record ReportBody(int repositories, int seen, int added, int gone, List<RegistryBody> registries) {
    }

    @Post(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Read the managed registries and bring the inventory in line: unannounced artifacts added, "
            + "vanished ones marked gone; 502 when none could be read")
    HttpResponse<?> reconcile() {
        if (!reconcile.anyRegistry()) {
            return ApiResponses.conflict("no registry is configured (layerline.retention.registry.type or "
                    + "layerline.retention.registries)");
        }
        List<RegistryBody> registries = reconcile.reconcileAll().stream().map(report -> new RegistryBody(
                report.registry(), report.repositories(), report.seen(), report.added(), report.gone(),
                report.readable() ? null : "the registry " + report.registry() + " could not be read")).toList();
        if (registries.stream().allMatch(registry -> registry.error() != null)) {
            return ApiResponses.badGateway(registries.size() == 1 ? "the registry " + registries.get(0).registry()
                    : "every registry");
        }
        return HttpResponse.ok(new ReportBody(registries.stream().mapToInt(RegistryBody::repositories).sum(),
                registries.stream().mapToInt(RegistryBody::seen).sum(),
                registries.stream().mapToInt(RegistryBody::added).sum(),
                registries.stream().mapToInt(RegistryBody::gone).sum(), registries));
    }
}

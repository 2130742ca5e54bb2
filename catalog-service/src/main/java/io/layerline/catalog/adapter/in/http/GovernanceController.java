package io.layerline.catalog.adapter.in.http;

import io.layerline.catalog.application.GovernanceReport;
import io.layerline.catalog.domain.governance.Violation;
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

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Where repositories break the configured rules. */
@Controller("/api/v1/governance")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "governance")
class GovernanceController {

    private final GovernanceReport report;

    GovernanceController(GovernanceReport report) {
        this.report = report;
    }

    @Get(uri = "/violations{?kind,repository}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Violations (non_standard_base, no_owner, stale_base, too_many_layers, app_used_as_base, "
            + "tier_inversion, cycle), optionally of one kind or one repository, with counts by kind")
    @Timed(value = "layerline.catalog.query", extraTags = {"query", "governance"})
    HttpResponse<?> violations(@Nullable @QueryValue String kind, @Nullable @QueryValue String repository) {
        Violation.Kind wanted = null;
        if (kind != null) {
            try {
                wanted = Violation.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return ApiResponses.badRequest("kind", "is not a violation kind");
            }
        }
        Violation.Kind filter = wanted;
        List<Violation> violations = report.violations().stream()
                .filter(violation -> filter == null || violation.kind() == filter)
                .filter(violation -> repository == null || violation.repository().equals(repository)).toList();
        Map<String, Integer> counts = new TreeMap<>();
        violations.forEach(violation -> counts.merge(Bodies.lower(violation.kind()), 1, Integer::sum));
        return HttpResponse.ok(new Bodies.ViolationsBody(counts, violations.stream().map(Bodies::violation).toList()));
    }
}

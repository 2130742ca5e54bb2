package io.layerline.retention.adapter.in.http;

import io.layerline.http.ApiResponses;
import io.layerline.http.Paging;
import io.layerline.http.security.Roles;
import io.layerline.retention.application.ApplyPlan;
import io.layerline.retention.application.AuditEntry;
import io.layerline.retention.application.PlanItem;
import io.layerline.retention.application.PlanQueries;
import io.layerline.retention.application.PlanRetention;
import io.layerline.retention.application.PlanSummary;
import io.layerline.retention.domain.plan.ItemAction;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Retention plans: compute a dry run, review it, apply it, follow its progress and audit trail. */
@Controller("/api/v1/retention/plans")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "retention")
class PlansController {

    private static final int MAX_LIMIT = 1_000;

    private final PlanRetention planRetention;
    private final ApplyPlan applyPlan;
    private final PlanQueries plans;

    PlansController(PlanRetention planRetention, ApplyPlan applyPlan, PlanQueries plans) {
        this.planRetention = planRetention;
        this.applyPlan = applyPlan;
        this.plans = plans;
    }

    @Serdeable
    record PlanBody(UUID id, String state, Instant createdAt, int kept, int toDelete, long bytesToReclaim,
                    @Nullable String appliedBy, @Nullable Instant startedAt, @Nullable Instant finishedAt,
                    Map<String, Integer> deletions, long reclaimedBytes) {

        static PlanBody of(PlanSummary summary) {
            Map<String, Integer> deletions = new LinkedHashMap<>();
            summary.deletionsByState().forEach((state, count) -> deletions.put(state.name(), count));
            return new PlanBody(summary.id(), summary.state().name(), summary.createdAt(), summary.kept(),
                    summary.toDelete(), summary.bytes(), summary.appliedBy(), summary.startedAt(), summary.finishedAt(),
                    deletions, summary.reclaimedBytes());
        }
    }

    @Serdeable
    record ItemBody(String registry, String repository, String digest, String kind, Set<String> tags, long size,
                    long ownBytes, String action, String reasons, @Nullable PolicyRef policy, String state,
                    @Nullable String detail) {

        static ItemBody of(PlanItem item) {
            return new ItemBody(item.artifact().registry(), item.artifact().repository(), item.artifact().digest(),
                    item.kind(), item.tags(), item.size(), item.ownBytes(), item.action().name(), item.reasons(),
                    item.policyId() == null ? null : new PolicyRef(item.policyId(), item.policyVersion()),
                    item.state().name(), item.detail());
        }
    }

    /** The policy version that decided an item. */
    @Serdeable
    record PolicyRef(String id, int version) {
    }

    @Serdeable
    record AuditBody(long id, String registry, String repository, String digest, String outcome, String detail,
                     Instant at) {

        static AuditBody of(AuditEntry entry) {
            return new AuditBody(entry.id(), entry.registry(), entry.repository(), entry.digest(),
                    entry.outcome().name(), entry.detail(), entry.at());
        }
    }

    @Secured(Roles.OPERATOR)
    @Post(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Compute a dry-run plan over the whole inventory and store it for review")
    HttpResponse<PlanBody> plan() {
        PlanSummary summary = planRetention.plan();
        return HttpResponse.created(PlanBody.of(summary), URI.create("/api/v1/retention/plans/" + summary.id()));
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A plan: its state, totals and how many deletions are in each state")
    HttpResponse<?> get(@PathVariable UUID id) {
        return plans.summary(id).<HttpResponse<?>>map(summary -> HttpResponse.ok(PlanBody.of(summary)))
                .orElseGet(() -> ApiResponses.notFound("no plan " + id));
    }

    @Get(uri = "/{id}/items{?action,limit,offset}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "What the plan keeps and deletes, with the reason for each artifact")
    HttpResponse<?> items(@PathVariable UUID id, @Nullable @QueryValue String action,
                          @Nullable @QueryValue Integer limit, @Nullable @QueryValue Integer offset) {
        Optional<ItemAction> filter;
        try {
            filter = Optional.ofNullable(action).map(ItemAction::valueOf);
        } catch (IllegalArgumentException e) {
            return ApiResponses.badRequest("action", "must be KEEP or DELETE");
        }
        Paging.Result page = Paging.of(limit, offset, 100, MAX_LIMIT);
        if (page.refused().isPresent()) {
            return page.refused().get();
        }
        return plans.items(id, filter, page.paging().limit(), page.paging().offset())
                .<HttpResponse<?>>map(items -> HttpResponse.ok(items.stream().map(ItemBody::of).toList()))
                .orElseGet(() -> ApiResponses.notFound("no plan " + id));
    }

    @Secured(Roles.OPERATOR)
    @Post(uri = "/{id}/apply", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Execute the plan in the background; protections are checked again before each delete")
    HttpResponse<?> apply(@PathVariable UUID id, Authentication caller) {
        ApplyPlan.Outcome outcome = applyPlan.apply(id, caller.getName());
        if (outcome instanceof ApplyPlan.Started started) {
            return HttpResponse.status(HttpStatus.ACCEPTED).body(PlanBody.of(started.plan()));
        }
        if (outcome instanceof ApplyPlan.AlreadyApplying applying) {
            return HttpResponse.status(HttpStatus.ACCEPTED).body(PlanBody.of(applying.plan()));
        }
        if (outcome instanceof ApplyPlan.AlreadyApplied) {
            return ApiResponses.conflict("plan " + id + " was applied already; compute a new one");
        }
        return ApiResponses.notFound("no plan " + id);
    }

    @Get(uri = "/{id}/audit{?limit,offset}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Every act of the plan's execution on an artifact")
    HttpResponse<?> audit(@PathVariable UUID id, @Nullable @QueryValue Integer limit,
                          @Nullable @QueryValue Integer offset) {
        Paging.Result page = Paging.of(limit, offset, 100, MAX_LIMIT);
        if (page.refused().isPresent()) {
            return page.refused().get();
        }
        return HttpResponse.ok(plans.auditTrail(id, page.paging().limit(), page.paging().offset())
                .stream().map(AuditBody::of).toList());
    }
}

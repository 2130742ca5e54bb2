package io.layerline.retention.adapter.in.http;

import io.layerline.http.ApiError;
import io.layerline.http.ApiResponses;
import io.layerline.http.Paging;
import io.layerline.http.security.Roles;
import io.layerline.retention.application.ApplyPlan;
import io.layerline.retention.application.AuditEntry;
import io.layerline.retention.application.ItemFilter;
import io.layerline.retention.application.PlanGroup;
import io.layerline.retention.application.PlanItem;
import io.layerline.retention.application.PlanQueries;
import io.layerline.retention.application.PlanRetention;
import io.layerline.retention.application.PlanSummary;
import io.layerline.retention.application.RestoreDeletions;
import io.layerline.retention.domain.plan.DeleteReason;
import io.layerline.retention.domain.plan.ItemAction;
import io.layerline.retention.domain.plan.KeepReason;
import io.layerline.retention.domain.policy.LabelClass;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Retention plans: compute a dry run, review it (grouped by repository and reason, filtered), apply it, pause and
 * resume it, follow its progress and audit trail.
 */
@Controller("/api/v1/retention/plans")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "retention")
class PlansController {

    private static final int MAX_LIMIT = 1_000;
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private final PlanRetention planRetention;
    private final ApplyPlan applyPlan;
    private final PlanQueries plans;
    private final RestoreDeletions restoreDeletions;

    PlansController(PlanRetention planRetention, ApplyPlan applyPlan, PlanQueries plans,
                    RestoreDeletions restoreDeletions) {
        this.planRetention = planRetention;
        this.applyPlan = applyPlan;
        this.plans = plans;
        this.restoreDeletions = restoreDeletions;
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
                    long ownBytes, String action, String reasons, @Nullable String reasonKind,
                    @Nullable String labelClass, @Nullable PolicyRef policy, String state, @Nullable String detail,
                    @Nullable Instant restorableUntil) {

        static ItemBody of(PlanItem item) {
            return new ItemBody(item.artifact().registry(), item.artifact().repository(), item.artifact().digest(),
                    item.kind(), item.tags(), item.size(), item.ownBytes(), item.action().name(), item.reasons(),
                    item.reasonKind(), item.labelClass(),
                    item.policyId() == null ? null : new PolicyRef(item.policyId(), item.policyVersion()),
                    item.state().name(), item.detail(), item.restorableUntil());
        }
    }

    /** What a restore put back, and what it could not, each with why. */
    @Serdeable
    record RestoredBody(List<RestoredArtifactBody> restored, List<FailedBody> failed) {

        static RestoredBody of(RestoreDeletions.Restored outcome) {
            return new RestoredBody(outcome.restored().stream().map(artifact -> new RestoredArtifactBody(
                    artifact.artifact().registry(), artifact.artifact().repository(), artifact.artifact().digest(),
                    artifact.tags(), artifact.tagsLeft())).toList(), outcome.failed().stream().map(failed ->
                    new FailedBody(failed.artifact().registry(), failed.artifact().repository(),
                            failed.artifact().digest(), failed.reason())).toList());
        }
    }

    /** @param tagsLeft tags another image took meanwhile, left as they are */
    @Serdeable
    record RestoredArtifactBody(String registry, String repository, String digest, List<String> tags,
                                List<String> tagsLeft) {
    }

    @Serdeable
    record FailedBody(String registry, String repository, String digest, String reason) {
    }

    /** The items of one repository with one action and reason kind, and how far their deletions got. */
    @Serdeable
    record GroupBody(String registry, String repository, String action, @Nullable String reasonKind, int items,
                     long size, long ownBytes, Map<String, Integer> states) {

        static GroupBody of(PlanGroup group) {
            Map<String, Integer> states = new LinkedHashMap<>();
            group.states().forEach((state, count) -> states.put(state.name(), count));
            return new GroupBody(group.registry(), group.repository(), group.action().name(), group.reasonKind(),
                    group.items(), group.size(), group.ownBytes(), states);
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

    @Get(uri = "{?after,limit}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Plans, newest first, a page at a time: the next page is after=<next>")
    HttpResponse<?> list(@Nullable @QueryValue Instant after, @Nullable @QueryValue Integer limit) {
        Paging.Result page = Paging.limit(limit, 20, 100);
        if (page.refused().isPresent()) {
            return page.refused().get();
        }
        int size = page.paging().limit();
        return HttpResponse.ok(Paging.Page.of(plans.list(Optional.ofNullable(after), size).stream()
                .map(PlanBody::of).toList(), size, plan -> plan.createdAt().toString()));
    }

    @Get(uri = "/{id}/items{?action,registry,repository,q,reason,labelClass,limit,offset}",
            produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "What the plan keeps and deletes, with the reason for each artifact; filtered by action, "
            + "repository (exact, or q: a part of its name), reason kind and label class")
    HttpResponse<?> items(@PathVariable UUID id, @Nullable @QueryValue String action,
                          @Nullable @QueryValue String registry, @Nullable @QueryValue String repository,
                          @Nullable @QueryValue String q, @Nullable @QueryValue String reason,
                          @Nullable @QueryValue String labelClass, @Nullable @QueryValue Integer limit,
                          @Nullable @QueryValue Integer offset) {
        return review(id, Filter.of(action, registry, repository, q, reason, labelClass), limit, offset,
                (filter, page) -> plans.items(id, filter, page.limit(), page.offset())
                        .map(items -> items.stream().map(ItemBody::of).toList()));
    }

    @Get(uri = "/{id}/groups{?action,registry,repository,q,reason,labelClass,limit,offset}",
            produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The plan's items grouped by repository, action and reason kind, with their count, bytes, "
            + "bytes freed and states; the same filters as the items")
    HttpResponse<?> groups(@PathVariable UUID id, @Nullable @QueryValue String action,
                           @Nullable @QueryValue String registry, @Nullable @QueryValue String repository,
                           @Nullable @QueryValue String q, @Nullable @QueryValue String reason,
                           @Nullable @QueryValue String labelClass, @Nullable @QueryValue Integer limit,
                           @Nullable @QueryValue Integer offset) {
        return review(id, Filter.of(action, registry, repository, q, reason, labelClass), limit, offset,
                (filter, page) -> plans.groups(id, filter, page.limit(), page.offset())
                        .map(groups -> groups.stream().map(GroupBody::of).toList()));
    }

    /** A page of a plan's review; the 400 for a wrong filter or page, the 404 for an unknown plan. */
    private static HttpResponse<?> review(UUID id, Filter filter, @Nullable Integer limit, @Nullable Integer offset,
                                          BiFunction<ItemFilter, Paging, Optional<? extends List<?>>> read) {
        if (filter.refusal() != null) {
            return filter.refusal();
        }
        Paging.Result page = Paging.of(limit, offset, 100, MAX_LIMIT);
        if (page.refused().isPresent()) {
            return page.refused().get();
        }
        return read.apply(filter.items(), page.paging()).<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> ApiResponses.notFound("no plan " + id));
    }

    /** The items asked for, or the 400 naming the filter that is wrong. */
    private record Filter(@Nullable ItemFilter items, @Nullable HttpResponse<?> refusal) {

        private static final Set<String> REASONS = Stream.concat(Arrays.stream(KeepReason.values()),
                Arrays.stream(DeleteReason.values())).map(Enum::name).collect(Collectors.toUnmodifiableSet());

        static Filter of(@Nullable String action, @Nullable String registry, @Nullable String repository,
                         @Nullable String text, @Nullable String reason, @Nullable String labelClass) {
            ItemAction wanted = null;
            if (action != null) {
                try {
                    wanted = ItemAction.valueOf(action);
                } catch (IllegalArgumentException e) {
                    return refused("action", "must be KEEP or DELETE");
                }
            }
            if (reason != null && !REASONS.contains(reason)) {
                return refused("reason", "must be one of " + String.join(", ", new TreeSet<>(REASONS)));
            }
            if (labelClass != null && Arrays.stream(LabelClass.values()).noneMatch(known ->
                    known.name().equals(labelClass))) {
                return refused("labelClass", "must be UNLABELLED, MAYBE_PROD or PROD");
            }
            if (repository != null && repository.isBlank()) {
                return refused("repository", "must not be blank");
            }
            return new Filter(new ItemFilter(wanted, registry, repository, text == null || text.isBlank() ? null
                    : text.strip(), reason, labelClass), null);
        }

        private static Filter refused(String field, String reason) {
            return new Filter(null, ApiResponses.badRequest(field, reason));
        }
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

    @Secured(Roles.OPERATOR)
    @Post(uri = "/{id}/pause", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Pause applying the plan after the deletion under way; nothing more is deleted until resumed")
    HttpResponse<?> pause(@PathVariable UUID id) {
        return changed(id, applyPlan.pause(id), "only a plan being applied can be paused");
    }

    @Secured(Roles.OPERATOR)
    @Post(uri = "/{id}/resume", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume applying a paused plan where it stopped")
    HttpResponse<?> resume(@PathVariable UUID id) {
        return changed(id, applyPlan.resume(id), "only a paused plan can be resumed");
    }

    private static HttpResponse<?> changed(UUID id, ApplyPlan.Outcome outcome, String refusal) {
        if (outcome instanceof ApplyPlan.Changed changed) {
            return HttpResponse.ok(PlanBody.of(changed.plan()));
        }
        if (outcome instanceof ApplyPlan.NotNow notNow) {
            return ApiResponses.conflict(refusal + "; plan " + id + " is " + notNow.plan().state().name());
        }
        return ApiResponses.notFound("no plan " + id);
    }

    @Secured(Roles.OPERATOR)
    @Post(uri = "/{id}/items/{digest}/restore{?repository}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Put a deleted artifact back within its undo window, with the children it names and the "
            + "referrers deleted with it; a tag another image took meanwhile is left as it is")
    HttpResponse<?> restoreArtifact(@PathVariable UUID id, @PathVariable String digest,
                                    @Nullable @QueryValue String repository, Authentication caller) {
        if (!DIGEST.matcher(digest).matches()) {
            return ApiResponses.badRequest("digest", "is not a digest (sha256:<64 hex digits>)");
        }
        return restored(restoreDeletions.restoreArtifact(id, digest, Optional.ofNullable(repository),
                caller.getName()));
    }

    @Secured(Roles.OPERATOR)
    @Post(uri = "/{id}/restore", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Put back every deletion of the plan whose undo window is open")
    HttpResponse<?> restorePlan(@PathVariable UUID id, Authentication caller) {
        return restored(restoreDeletions.restorePlan(id, caller.getName()));
    }

    private static HttpResponse<?> restored(RestoreDeletions.Outcome outcome) {
        if (outcome instanceof RestoreDeletions.Restored restored) {
            return HttpResponse.ok(RestoredBody.of(restored));
        }
        if (outcome instanceof RestoreDeletions.NotFound notFound) {
            return HttpResponse.notFound(ApiError.field(notFound.field(), notFound.message()));
        }
        if (outcome instanceof RestoreDeletions.Invalid invalid) {
            return ApiResponses.badRequest(invalid.field(), invalid.message());
        }
        RestoreDeletions.Refused refused = (RestoreDeletions.Refused) outcome;
        return HttpResponse.status(HttpStatus.CONFLICT).body(ApiError.field(refused.field(), refused.message()));
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

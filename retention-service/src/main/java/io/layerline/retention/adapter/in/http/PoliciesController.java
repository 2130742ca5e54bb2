package io.layerline.retention.adapter.in.http;

import io.layerline.http.ApiError;
import io.layerline.http.ApiResponses;
import io.layerline.http.security.Roles;
import io.layerline.retention.application.RetentionPolicies;
import io.layerline.retention.application.StoredPolicy;
import io.layerline.retention.domain.policy.PolicyDraft;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Retention policies: which repositories they govern and the rules that keep images there. Versioned. */
@Controller("/api/v1/retention/policies")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "retention")
class PoliciesController {

    private final RetentionPolicies policies;

    PoliciesController(RetentionPolicies policies) {
        this.policies = policies;
    }

    @Serdeable
    record RuleBody(@Nullable String type, @Nullable String label, @Nullable Integer count, @Nullable Integer days,
                    @Nullable String pattern) {
    }

    @Serdeable
    record PolicyRequest(@Nullable String id, @Nullable String registry, @Nullable String repository,
                         @Nullable Integer priority, @Nullable List<RuleBody> rules, @Nullable String schedule,
                         @Nullable Boolean autoApply) {

        PolicyDraft draft() {
            return new PolicyDraft(registry, repository, priority, rules == null ? null : rules.stream()
                    .map(rule -> rule == null ? null
                            : new PolicyDraft.RuleDraft(rule.type(), rule.label(), rule.count(), rule.days(),
                            rule.pattern())).toList(), schedule, Boolean.TRUE.equals(autoApply));
        }
    }

    @Serdeable
    record PolicyBody(String id, int version, boolean active, String registry, String repository, int priority,
                      List<RuleBody> rules, @Nullable String schedule, boolean autoApply, @Nullable String changedBy,
                      Instant changedAt) {

        static PolicyBody of(StoredPolicy policy) {
            return new PolicyBody(policy.id(), policy.version(), policy.active(), policy.draft().registryGlob(),
                    policy.draft().repositoryGlob(), policy.draft().priorityOrDefault(), policy.draft().rules()
                    .stream().map(rule -> new RuleBody(rule.type(), rule.label(), rule.count(), rule.days(),
                            rule.pattern())).toList(), policy.draft().schedule(), policy.draft().autoApply(),
                    policy.changedBy(), policy.createdAt());
        }
    }

    @Secured(Roles.ADMIN)
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a policy (version 1)")
    HttpResponse<?> create(@Body PolicyRequest request, Authentication caller) {
        return answer(policies.create(request.id(), request.draft(), caller.getName()), HttpStatus.CREATED);
    }

    @Secured(Roles.ADMIN)
    @Put(uri = "/{id}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a policy: stores its next version")
    HttpResponse<?> update(@PathVariable String id, @Body PolicyRequest request, Authentication caller) {
        return answer(policies.update(id, request.draft(), caller.getName()), HttpStatus.OK);
    }

    @Secured(Roles.ADMIN)
    @Delete(uri = "/{id}")
    @Operation(summary = "Retire a policy: a last, inactive version keeps its history")
    HttpResponse<?> retire(@PathVariable String id, Authentication caller) {
        RetentionPolicies.Outcome change = policies.retire(id, caller.getName());
        return change instanceof RetentionPolicies.NotFound ? answer(change, HttpStatus.NO_CONTENT)
                : HttpResponse.noContent();
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ReadOnly
    @Operation(summary = "The active policies, newest version of each, with the built-in default (version 0) "
            + "unless a stored default replaces it")
    List<PolicyBody> list() {
        return policies.active().stream().map(PolicyBody::of).toList();
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    @ReadOnly
    @Operation(summary = "Every version of a policy, newest first")
    HttpResponse<?> versions(@PathVariable String id) {
        List<PolicyBody> versions = policies.versions(id).stream().map(PolicyBody::of).toList();
        return versions.isEmpty() ? ApiResponses.notFound("no policy " + id)
                : HttpResponse.ok(versions);
    }

    private static HttpResponse<?> answer(RetentionPolicies.Outcome change, HttpStatus success) {
        if (change instanceof RetentionPolicies.Saved saved) {
            return HttpResponse.status(success).headers(headers -> headers.location(
                    URI.create("/api/v1/retention/policies/" + saved.policy().id()))).body(PolicyBody.of(saved.policy()));
        }
        if (change instanceof RetentionPolicies.Rejected rejected) {
            return ApiResponses.badRequest("the policy is invalid", rejected.errors().stream()
                    .map(error -> new ApiError.FieldError(error.field(), error.message())).toList());
        }
        if (change instanceof RetentionPolicies.Exists exists) {
            return ApiResponses.conflict("policy " + exists.id() + " exists; change it with PUT");
        }
        return ApiResponses.notFound("no policy " + ((RetentionPolicies.NotFound) change).id());
    }
}

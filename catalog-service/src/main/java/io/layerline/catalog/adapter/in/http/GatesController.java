package io.layerline.catalog.adapter.in.http;

import io.layerline.catalog.application.EvaluateGate;
import io.layerline.catalog.application.GateEvaluation;
import io.layerline.catalog.application.StageBase;
import io.layerline.catalog.application.TeamRule;
import io.layerline.catalog.application.TeamRules;
import io.layerline.catalog.domain.gate.Gate;
import io.layerline.catalog.domain.gate.GateVerdict;
import io.layerline.catalog.domain.gate.Outcome;
import io.layerline.catalog.domain.gate.RuleVerdict;
import io.layerline.http.ApiError;
import io.layerline.http.ApiResponses;
import io.layerline.http.Paging;
import io.layerline.http.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Quality gates: one evaluation of an image for an environment ({@code pass}, {@code warn} or {@code fail}, with
 * each rule's verdict), the platform's and the owners' rules, and the audit of every verdict. Kubernetes asks through
 * {@link AdmissionController}.
 */
@Controller("/api/v1/gates")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "gates")
class GatesController {

    /** Environment names as the ledger knows them: {@code prod}, {@code prod_test}, {@code eu-staging}. */
    static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    /** The identity claim that lists a person's teams (a JWT's {@code teams}); static tokens carry none. */
    private static final String TEAMS_CLAIM = "teams";

    private final EvaluateGate evaluate;
    private final TeamRules teamRules;
    private final Gate gate;
    private final Clock clock;

    GatesController(EvaluateGate evaluate, TeamRules teamRules, Gate gate, Clock clock) {
        this.evaluate = evaluate;
        this.teamRules = teamRules;
        this.gate = gate;
        this.clock = clock;
    }

    /** @param candidate an image about to be built: the build asks before it pushes */
    @Serdeable
    record EvaluateRequest(@Nullable String image, @Nullable String environment,
                           @Nullable CandidateBody candidate) {
    }

    /** Every stage's base as the build resolved it, the final stage's marked. */
    @Serdeable
    record CandidateBody(@Nullable List<BaseBody> bases) {
    }

    @Serdeable
    record BaseBody(@Nullable String reference, @Nullable String digest, @Nullable Boolean finalStage) {
    }

    @Serdeable
    record RuleVerdictBody(String rule, @Nullable String owner, String mode, String outcome, String reason) {

        static RuleVerdictBody of(RuleVerdict verdict) {
            return new RuleVerdictBody(verdict.rule(), verdict.owner(), verdict.mode().wireName(),
                    verdict.outcome().wireName(), verdict.reason());
        }
    }

    /** @param message the failed rules (or, when none failed, the warnings), each with its reason */
    @Serdeable
    record VerdictBody(String outcome, String image, @Nullable String digest, String environment, String message,
                       List<RuleVerdictBody> rules) {

        static VerdictBody of(EvaluateGate.Evaluation evaluation, String environment) {
            GateVerdict verdict = evaluation.verdict();
            String message = verdict.explain(Outcome.FAIL);
            if (message.isEmpty()) {
                message = verdict.explain(Outcome.WARN);
            }
            return new VerdictBody(verdict.outcome().wireName(), evaluation.facts().reference(),
                    evaluation.facts().digest(), environment, message.isEmpty() ? "every rule holds" : message,
                    verdict.rules().stream().map(RuleVerdictBody::of).toList());
        }
    }

    @Serdeable
    record RuleRequest(@Nullable String team, @Nullable String repositories, @Nullable String rule,
                       @Nullable String mode, @Nullable Integer max, @Nullable Integer days,
                       @Nullable List<String> patterns) {
    }

    @Serdeable
    record TeamRuleBody(long id, String team, String repositories, String rule, String mode, @Nullable Integer max,
                        @Nullable Integer days, List<String> patterns, String changedBy, Instant changedAt) {

        static TeamRuleBody of(TeamRule rule) {
            return new TeamRuleBody(rule.id(), rule.team(), rule.repositories(), rule.rule(), rule.mode().wireName(),
                    rule.max(), rule.days(), rule.patterns(), rule.changedBy(), rule.changedAt());
        }
    }

    @Serdeable
    record PlatformRuleBody(String rule, String mode) {
    }

    @Serdeable
    record RulesBody(List<PlatformRuleBody> platform, List<TeamRuleBody> teams) {
    }

    @Serdeable
    record EvaluationBody(long id, String askedBy, String source, String image, @Nullable String digest,
                          String environment, String outcome, List<String> failed, List<String> warned,
                          String detail, Instant at) {

        static EvaluationBody of(GateEvaluation evaluation) {
            return new EvaluationBody(evaluation.id(), evaluation.askedBy(), evaluation.source(),
                    evaluation.reference(), evaluation.digest(), evaluation.environment(),
                    evaluation.outcome().wireName(), evaluation.failed(), evaluation.warned(), evaluation.detail(),
                    evaluation.at());
        }
    }

    @Post(uri = "/evaluate{?format}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Evaluate an image (a reference or a digest) for an environment: pass, warn or fail, with "
            + "each rule's verdict and reason; audited. format=cdevent answers a CDEvents 0.5.1 "
            + "testsuiterun.finished instead")
    HttpResponse<?> evaluate(@Body EvaluateRequest request, @Nullable @QueryValue String format,
                             Authentication caller) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (!EvaluateGate.isReference(request.image())) {
            errors.add(new ApiError.FieldError("image", "is required: an image reference (harbor.example.com/team/"
                    + "app:1.4, …@sha256:…) or a digest (sha256:…), at most 512 characters"));
        }
        if (request.environment() == null || !ENVIRONMENT.matcher(request.environment()).matches()) {
            errors.add(new ApiError.FieldError("environment", "is required: lower-case letters, digits, '_', '-' "
                    + "and '.', at most 63 characters"));
        }
        EvaluateGate.Candidate candidate = request.candidate() == null ? null
                : candidate(request.image(), request.candidate(), errors);
        if (format != null && !format.equals("cdevent")) {
            errors.add(new ApiError.FieldError("format", "is cdevent, or absent for the verdict as JSON"));
        }
        if (!errors.isEmpty()) {
            return ApiResponses.badRequest("the evaluation request is invalid", errors);
        }
        EvaluateGate.Evaluation evaluation = evaluate.evaluate(new EvaluateGate.Request(request.image(),
                request.environment(), caller.getName(), EvaluateGate.Source.API, true, candidate));
        VerdictBody verdict = VerdictBody.of(evaluation, request.environment());
        if (format == null) {
            return HttpResponse.ok(verdict);
        }
        return HttpResponse.ok(GateCdEvent.of(evaluation, request.environment(), verdict.message(), clock.instant()))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get(uri = "/rules", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The platform's rules with their modes, and every team's rules")
    RulesBody rules() {
        return new RulesBody(gate.platform().stream()
                .map(rule -> new PlatformRuleBody(rule.rule().name(), rule.mode().wireName())).toList(),
                teamRules.all().stream().map(TeamRuleBody::of).toList());
    }

    @Secured(Roles.OPERATOR)
    @Post(uri = "/rules", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a team's rule for the repositories it owns: an admin for any team, an operator for "
            + "the teams its identity carries")
    HttpResponse<?> addRule(@Body RuleRequest request, Authentication caller) {
        TeamRules.Outcome outcome = teamRules.add(new TeamRules.Draft(request.team(), request.repositories(),
                request.rule(), request.mode(), request.max(), request.days(), request.patterns()), caller(caller));
        if (outcome instanceof TeamRules.Added added) {
            return HttpResponse.created(TeamRuleBody.of(added.rule()),
                    URI.create("/api/v1/gates/rules/" + added.rule().id()));
        }
        if (outcome instanceof TeamRules.Refused refused) {
            return ApiResponses.badRequest("the rule is invalid", refused.problems().entrySet().stream()
                    .map(problem -> new ApiError.FieldError(problem.getKey(), problem.getValue())).toList());
        }
        return forbidden((TeamRules.Forbidden) outcome);
    }

    @Secured(Roles.OPERATOR)
    @Delete(uri = "/rules/{id}")
    @Operation(summary = "Remove a team's rule")
    HttpResponse<?> removeRule(@PathVariable long id, Authentication caller) {
        TeamRules.Outcome outcome = teamRules.remove(id, caller(caller));
        if (outcome instanceof TeamRules.Removed) {
            return HttpResponse.noContent();
        }
        if (outcome instanceof TeamRules.NotFound) {
            return ApiResponses.notFound("no gate rule " + id);
        }
        return forbidden((TeamRules.Forbidden) outcome);
    }

    @Secured(Roles.ADMIN)
    @Get(uri = "/evaluations{?before,limit}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The audit of verdicts, newest first: who asked, about which image, for where, the answer; "
            + "the next page is before=<next>")
    HttpResponse<?> evaluations(@Nullable @QueryValue Long before, @Nullable @QueryValue Integer limit) {
        Paging.Result page = Paging.limit(limit, 50, 500);
        if (page.refused().isPresent()) {
            return page.refused().get();
        }
        int size = page.paging().limit();
        return HttpResponse.ok(Paging.Page.of(evaluate.audited(Optional.ofNullable(before), size).stream()
                .map(EvaluationBody::of).toList(), size, evaluation -> String.valueOf(evaluation.id())));
    }

    /** The candidate asked about, its problems added to {@code errors}. */
    private static EvaluateGate.Candidate candidate(String image, CandidateBody body,
                                                    List<ApiError.FieldError> errors) {
        if (image != null && (image.contains("@") || !image.contains("/"))) {
            errors.add(new ApiError.FieldError("image", "names the image to be built: registry/repository:tag"));
        }
        List<BaseBody> bases = body.bases() == null ? List.of() : body.bases();
        if (bases.isEmpty() || bases.size() > 50) {
            errors.add(new ApiError.FieldError("candidate.bases", "is required: 1 to 50 stage bases"));
            return null;
        }
        List<StageBase> stages = new ArrayList<>();
        for (int i = 0; i < bases.size(); i++) {
            BaseBody base = bases.get(i);
            if (base == null || base.reference() == null || base.reference().isBlank()
                    || base.reference().length() > 512 || base.reference().chars().anyMatch(Character::isISOControl)) {
                errors.add(new ApiError.FieldError("candidate.bases[" + i + "].reference",
                        "is required: the base as the Dockerfile names it, at most 512 characters"));
            } else {
                stages.add(new StageBase(i, base.reference(), base.digest(), Boolean.TRUE.equals(base.finalStage())));
            }
        }
        if (stages.stream().filter(StageBase::finalStage).count() != 1 && errors.isEmpty()) {
            errors.add(new ApiError.FieldError("candidate.bases", "must mark exactly one base finalStage"));
        }
        return new EvaluateGate.Candidate(stages);
    }

    private static HttpResponse<?> forbidden(TeamRules.Forbidden forbidden) {
        return ApiResponses.forbidden("only an admin, or a member of team " + forbidden.team()
                + ", may change its rules");
    }

    /** The caller as the owners' rules see it: its name, whether it is an admin, its teams. */
    static TeamRules.Caller caller(Authentication authentication) {
        Object claim = authentication.getAttributes().get(TEAMS_CLAIM);
        Set<String> teams = claim instanceof Collection<?> listed
                ? listed.stream().map(String::valueOf).collect(Collectors.toSet())
                : claim instanceof String one ? Set.of(one.split(",")) : Set.of();
        return new TeamRules.Caller(authentication.getName(), authentication.getRoles().contains(Roles.ADMIN), teams);
    }
}

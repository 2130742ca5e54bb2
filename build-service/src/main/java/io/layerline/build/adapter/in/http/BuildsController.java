package io.layerline.build.adapter.in.http;

import io.layerline.build.application.BuildContexts;
import io.layerline.build.application.BuildQueries;
import io.layerline.build.application.CancelBuild;
import io.layerline.build.application.LogLine;
import io.layerline.build.application.ReproduceBuild;
import io.layerline.build.application.SubmitBuild;
import io.layerline.build.domain.build.Build;
import io.layerline.build.domain.build.ContextSource;
import io.layerline.build.domain.build.Reproducibility;
import io.layerline.build.domain.build.SquashOutcome;
import io.layerline.http.ApiError;
import io.layerline.http.ApiResponses;
import io.layerline.http.Paging;
import io.layerline.http.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/** Builds: upload a context, start a build, follow its log, read its result, cancel it. */
@Controller("/api/v1")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "builds")
class BuildsController {

    private final SubmitBuild submit;
    private final ReproduceBuild reproduce;
    private final CancelBuild cancel;
    private final BuildQueries builds;
    private final BuildContexts contexts;

    BuildsController(SubmitBuild submit, ReproduceBuild reproduce, CancelBuild cancel, BuildQueries builds,
                     BuildContexts contexts) {
        this.submit = submit;
        this.reproduce = reproduce;
        this.cancel = cancel;
        this.builds = builds;
        this.contexts = contexts;
    }

    @Serdeable
    record ContextBody(String id) {
    }

    /** A build as a caller asks for it; {@link SubmitBuild} says what is wrong with it. */
    @Serdeable
    record BuildRequest(@Nullable String registry, @Nullable String repository, @Nullable ContextRequest context,
                        @Nullable String dockerfile, @Nullable String target, @Nullable Map<String, String> buildArgs,
                        @Nullable Map<String, String> labels, @Nullable List<String> tags,
                        @Nullable String requestedBy, @Nullable Map<String, List<String>> stageTags,
                        @Nullable String squash) {

        SubmitBuild.Command command() {
            ContextRequest given = context == null ? new ContextRequest(null, null) : context;
            GitRequest git = given.git() == null ? new GitRequest(null, null) : given.git();
            return new SubmitBuild.Command(registry, repository, given.id(), git.url(), git.ref(), dockerfile, target,
                    buildArgs, labels, tags, requestedBy, stageTags, squash);
        }
    }

    @Serdeable
    record ContextRequest(@Nullable String id, @Nullable GitRequest git) {
    }

    @Serdeable
    record GitRequest(@Nullable String url, @Nullable String ref) {
    }

    @Serdeable
    record BuildBody(String id, String state, @Nullable String reason, String registry, String repository,
                     List<String> tags, String context, String dockerfile, @Nullable String target,
                     @Nullable String requestedBy, @Nullable String cascadeId, @Nullable String digest,
                     Instant queuedAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
                     @Nullable String reproductionOf, @Nullable ReproducibilityBody reproducibility,
                     @Nullable DockerfilesController.AnalysisBody analysis, String squash,
                     @Nullable SquashBody squashed) {
    }

    /**
     * What squashing did: the image as built, its layers and history before, the efficiency before and after.
     *
     * @param unsquashed the image as the engine built it
     */
    @Serdeable
    record SquashBody(String unsquashed, int baseLayers, int layersMerged, List<StepBody> history,
                      String dockerfile, @Nullable EfficiencyBody before, @Nullable EfficiencyBody after) {

        static SquashBody of(SquashOutcome squash) {
            return new SquashBody(squash.unsquashed(), squash.baseLayers(), squash.layersMerged(),
                    squash.history().stream().map(step -> new StepBody(step.createdBy(), step.emptyLayer())).toList(),
                    squash.dockerfile(), EfficiencyBody.of(squash.before()), EfficiencyBody.of(squash.after()));
        }
    }

    @Serdeable
    record StepBody(String createdBy, boolean emptyLayer) {
    }

    /** @param imageBytes as stored, compressed; {@code fileBytes} the files, of which {@code wastedBytes} dead */
    @Serdeable
    record EfficiencyBody(long imageBytes, long fileBytes, long wastedBytes) {

        static EfficiencyBody of(SquashOutcome.Efficiency efficiency) {
            return efficiency == null ? null : new EfficiencyBody(efficiency.imageBytes(), efficiency.fileBytes(),
                    efficiency.wastedBytes());
        }
    }

    /** @param identical whether the rebuild gave the same image digest */
    @Serdeable
    record ReproducibilityBody(String original, boolean identical, List<Integer> differingLayers,
                               int layersCompared) {
    }

    @Secured(Roles.OPERATOR)
    @Post(uri = "/contexts", consumes = "application/x-tar", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a build context (a tar archive); its id is the sha256 of the bytes")
    HttpResponse<?> upload(@Body byte[] tar) {
        if (tar.length == 0) {
            return ApiResponses.badRequest("body", "is empty: send a tar archive");
        }
        try {
            return contexts.store(tar).<HttpResponse<?>>map(id -> HttpResponse.created(new ContextBody(id)))
                    .orElseGet(() -> ApiResponses.tooLarge("body", "is larger than the context limit"));
        } catch (IllegalArgumentException e) {
            return ApiResponses.badRequest("body", "is not a tar archive holding a file");
        }
    }

    @Secured(Roles.OPERATOR)
    @Post(uri = "/builds", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue a build: {repository, registry?, context: {id} or {git: {url, ref}}, dockerfile?, "
            + "target?, buildArgs?, labels?, tags, requestedBy?, stageTags?: {stage: [repository:tag]}, "
            + "squash?: onto-base}")
    HttpResponse<?> submit(@Body BuildRequest request) {
        SubmitBuild.Outcome outcome = submit.submit(request.command());
        if (outcome instanceof SubmitBuild.Refused refused) {
            return ApiResponses.badRequest("the build request is invalid", refused.problems().stream()
                    .map(problem -> new ApiError.FieldError(problem.field(), problem.message())).toList());
        }
        return HttpResponse.accepted().body(body(((SubmitBuild.Queued) outcome).build(), null));
    }

    @Get(uri = "/builds{?repository,after,limit}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Builds, newest first, a page at a time: the next page is after=<next>")
    HttpResponse<?> list(@Nullable @QueryValue String repository, @Nullable @QueryValue Instant after,
                         @Nullable @QueryValue Integer limit) {
        Paging.Result page = Paging.limit(limit, 50, 500);
        if (page.refused().isPresent()) {
            return page.refused().get();
        }
        int size = page.paging().limit();
        return HttpResponse.ok(Paging.Page.of(builds.list(repository, after, size).stream()
                .map(build -> body(build, null)).toList(), size, build -> build.queuedAt().toString()));
    }

    @Get(uri = "/builds/{id}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A build: state, reason, digest, the analysis of its Dockerfile, and what squashing did")
    HttpResponse<?> get(@PathVariable String id) {
        return id(id).flatMap(builds::find).<HttpResponse<?>>map(build -> HttpResponse.ok(body(build,
                        builds.analysis(build.id()).map(DockerfilesController::body).orElse(null),
                        builds.reproducibility(build.id()).orElse(null), builds.squash(build.id()).orElse(null))))
                .orElseGet(() -> HttpResponse.notFound(ApiError.field("id", "no build " + id)));
    }

    @Get(uri = "/builds/{id}/log", produces = MediaType.TEXT_PLAIN)
    @Operation(summary = "The build's log so far, as text")
    HttpResponse<?> log(@PathVariable String id) {
        Optional<UUID> build = id(id).filter(uuid -> builds.find(uuid).isPresent());
        if (build.isEmpty()) {
            return HttpResponse.notFound(ApiError.field("id", "no build " + id))
                    .contentType(MediaType.APPLICATION_JSON);
        }
        StringBuilder text = new StringBuilder();
        builds.log(build.get(), 0, 100_000).forEach(line -> text.append(line.text()).append('\n'));
        return HttpResponse.ok(text.toString());
    }

    @Get(uri = "/builds/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @Operation(summary = "The build's log as Server-Sent Events, live until the build ends; then a 'state' event")
    Publisher<Event<String>> follow(@PathVariable String id) {
        Optional<UUID> build = id(id).filter(uuid -> builds.find(uuid).isPresent());
        if (build.isEmpty()) {
            return Flux.just(Event.of("no build " + id).name("error"));
        }
        UUID uuid = build.get();
        return Flux.<Event<String>, long[]>generate(() -> new long[] {0, 0}, (state, sink) -> {
            if (state[1] == 1) {
                sink.complete();
                return state;
            }
            boolean finished = builds.find(uuid).map(found -> found.state().isFinal()).orElse(true);
            List<LogLine> lines = builds.log(uuid, state[0], 500);
            if (lines.isEmpty() && finished) {
                state[1] = 1;
                sink.next(Event.of(builds.find(uuid).map(found -> found.state().name().toLowerCase()).orElse("gone"))
                        .name("state"));
                return state;
            }
            if (lines.isEmpty()) {
                LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
                sink.next(Event.of("").name("heartbeat"));
                return state;
            }
            String text = String.join("\n", lines.stream().map(LogLine::text).toList());
            state[0] = lines.get(lines.size() - 1).number();
            sink.next(Event.of(text).name("log").id(String.valueOf(state[0])));
            return state;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Secured(Roles.OPERATOR)
    @Post(uri = "/builds/{id}/reproduce", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Rebuild a pushed build's definition with the same creation time and report whether the "
            + "image comes out the same, and which layers differ; 409 unless the build was pushed")
    HttpResponse<?> reproduce(@PathVariable String id) {
        Optional<UUID> original = id(id).filter(uuid -> builds.find(uuid).isPresent());
        if (original.isEmpty()) {
            return HttpResponse.notFound(ApiError.field("id", "no build " + id));
        }
        SubmitBuild.Outcome outcome = reproduce.reproduce(original.get(), "reproducibility check");
        if (outcome instanceof SubmitBuild.Refused refused) {
            SubmitBuild.FieldError problem = refused.problems().get(0);
            return HttpResponse.status(HttpStatus.CONFLICT).body(ApiError.field(problem.field(), problem.message()));
        }
        return HttpResponse.accepted().body(body(((SubmitBuild.Queued) outcome).build(), null));
    }

    @Secured(Roles.OPERATOR)
    @Post(uri = "/builds/{id}/cancel", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a queued or running build; 409 when it has ended")
    HttpResponse<?> cancel(@PathVariable String id) {
        Optional<UUID> build = id(id);
        CancelBuild.Outcome outcome = build.isEmpty() ? new CancelBuild.Unknown() : cancel.cancel(build.get());
        if (outcome instanceof CancelBuild.Ended ended) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(ApiError.field("state",
                    "is " + ended.build().state().name().toLowerCase() + "; only queued or running builds cancel"));
        }
        if (outcome instanceof CancelBuild.Cancelled cancelled) {
            return HttpResponse.accepted().body(body(cancelled.build(), null));
        }
        return HttpResponse.notFound(ApiError.field("id", "no build " + id));
    }

    private static Optional<UUID> id(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static BuildBody body(Build build, DockerfilesController.AnalysisBody analysis) {
        return body(build, analysis, null, null);
    }

    private static BuildBody body(Build build, DockerfilesController.AnalysisBody analysis,
                                  Reproducibility reproducibility, SquashOutcome squash) {
        String context = build.definition().context() instanceof ContextSource.Git git
                ? git.url() + (git.ref() == null ? "" : "#" + git.ref())
                : ((ContextSource.Uploaded) build.definition().context()).id();
        return new BuildBody(build.id().toString(), build.state().name().toLowerCase(), build.reason(),
                build.definition().registry(), build.definition().repository(), build.definition().tags(), context,
                build.definition().dockerfile(), build.definition().target(), build.requestedBy(), build.cascadeId(),
                build.digest(), build.queuedAt(), build.startedAt(), build.finishedAt(),
                build.reproductionOf() == null ? null : build.reproductionOf().toString(),
                reproducibility == null ? null : new ReproducibilityBody(reproducibility.original().toString(),
                        reproducibility.identical(), reproducibility.differingLayers(),
                        reproducibility.layersCompared()), analysis, build.definition().squash().wireName(),
                squash == null ? null : SquashBody.of(squash));
    }
}

package io.layerline.retention.adapter.in.http;

import io.layerline.http.ApiError;
import io.layerline.http.ApiResponses;
import io.layerline.http.Paging;
import io.layerline.http.security.Roles;
import io.layerline.retention.application.Hold;
import io.layerline.retention.application.HoldArtifacts;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Explicit holds: an artifact under a hold is never deleted, whatever a policy says. */
@Controller("/api/v1/holds")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "retention")
class HoldsController {

    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern REGISTRY = Pattern.compile("(?=.{1,255}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?");
    private static final Pattern REPOSITORY = Pattern.compile("(?=.{1,255}$)[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
            + "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

    private final HoldArtifacts holds;

    HoldsController(HoldArtifacts holds) {
        this.holds = holds;
    }

    @Serdeable
    record HoldRequest(@Nullable String registry, @Nullable String repository, @Nullable String digest,
                       @Nullable String reason) {
    }

    @Serdeable
    record HoldBody(String registry, String repository, String digest, String reason, @Nullable String heldBy,
                    Instant createdAt) {

        static HoldBody of(Hold hold) {
            return new HoldBody(hold.artifact().registry(), hold.artifact().repository(), hold.artifact().digest(),
                    hold.reason(), hold.heldBy(), hold.createdAt());
        }
    }

    @Secured(Roles.OPERATOR)
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Hold an artifact: retention keeps it until the hold is released")
    HttpResponse<?> place(@Body HoldRequest request, Authentication caller) {
        List<ApiError.FieldError> errors = problems(request.registry(), request.repository(), request.digest());
        if (request.reason() == null || request.reason().isBlank()) {
            errors.add(new ApiError.FieldError("reason", "is required: why the artifact must stay"));
        } else if (!printable(request.reason(), 2000)) {
            errors.add(new ApiError.FieldError("reason", "at most 2000 characters, no control characters"));
        }
        if (!errors.isEmpty()) {
            return ApiResponses.badRequest("the hold is invalid", errors);
        }
        ArtifactId artifact = new ArtifactId(request.registry(), request.repository(), request.digest());
        boolean placed = holds.place(artifact, request.reason(), caller.getName());
        return placed ? HttpResponse.created(request) : HttpResponse.ok(request);
    }

    @Secured(Roles.OPERATOR)
    @Delete(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Release the hold on an artifact")
    HttpResponse<?> release(@Nullable @QueryValue String registry, @Nullable @QueryValue String repository,
                            @Nullable @QueryValue String digest) {
        List<ApiError.FieldError> errors = problems(registry, repository, digest);
        if (!errors.isEmpty()) {
            return ApiResponses.badRequest("the artifact is not named properly", errors);
        }
        return holds.release(new ArtifactId(registry, repository, digest)) ? HttpResponse.noContent()
                : ApiResponses.notFound("no hold on " + registry + "/" + repository + "@" + digest);
    }

    @Get(uri = "{?limit,offset}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The holds in place")
    HttpResponse<?> list(@Nullable @QueryValue Integer limit, @Nullable @QueryValue Integer offset) {
        Paging.Result page = Paging.of(limit, offset, 100, 1000);
        if (page.refused().isPresent()) {
            return page.refused().get();
        }
        return HttpResponse.ok(holds.list(page.paging().limit(), page.paging().offset()).stream()
                .map(HoldBody::of).toList());
    }

    private static boolean printable(String text, int maxLength) {
        return text.length() <= maxLength && text.chars().noneMatch(c -> Character.isISOControl(c) && c != '\n');
    }

    private static List<ApiError.FieldError> problems(String registry, String repository, String digest) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (registry == null || !REGISTRY.matcher(registry).matches()) {
            errors.add(new ApiError.FieldError("registry",
                    "is required, as host or host:port, at most 255 characters"));
        }
        if (repository == null || !REPOSITORY.matcher(repository).matches()) {
            errors.add(new ApiError.FieldError("repository",
                    "is required, as a repository name (lower-case path), at most 255 characters"));
        }
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            errors.add(new ApiError.FieldError("digest", "must be sha256: and 64 lower-case hex digits"));
        }
        return errors;
    }
}

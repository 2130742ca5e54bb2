package io.layerline.build.adapter.in.http;

import io.layerline.build.application.BuildFailure;
import io.layerline.build.application.ImageEfficiency;
import io.layerline.build.application.ImageNotFound;
import io.layerline.build.application.ReadableRegistries;
import io.layerline.build.domain.efficiency.EfficiencyReport;
import io.layerline.build.domain.reference.ImageReference;
import io.layerline.http.ApiError;
import io.layerline.http.ApiResponses;
import io.layerline.http.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** An image's efficiency, from its registry blobs: what each layer adds and what later layers make dead weight. */
@Controller("/api/v1/efficiency")
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "images")
class EfficiencyController {

    private static final Logger LOG = LoggerFactory.getLogger(EfficiencyController.class);

    private final ImageEfficiency efficiency;
    private final ReadableRegistries readable;

    EfficiencyController(ImageEfficiency efficiency, ReadableRegistries readable) {
        this.efficiency = efficiency;
        this.readable = readable;
    }

    @Serdeable
    record LayerBody(String digest, long compressedSize, int files, long fileBytes, long wastedBytes) {
    }

    @Serdeable
    record WastedBody(String path, long bytes, int addedInLayer, int goneInLayer) {
    }

    @Serdeable
    record ReportBody(String image, long totalBytes, long wastedBytes, double efficiency, List<LayerBody> layers,
                      List<WastedBody> largestWaste) {
    }

    @Get(uri = "{?registry,repository,digest}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Per layer: size, files and wasted bytes; for the image: total and wasted bytes, the "
            + "efficiency, and the largest wasted files",
            description = "403 for a registry this service may not read, 404 when the registry holds no such image, "
                    + "502 when the registry cannot be read")
    HttpResponse<?> report(@Nullable @QueryValue String registry, @Nullable @QueryValue String repository,
                           @Nullable @QueryValue String digest) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (!ImageReference.isRegistry(registry)) {
            errors.add(new ApiError.FieldError("registry", "is required, as host or host:port"));
        }
        if (!ImageReference.isRepository(repository)) {
            errors.add(new ApiError.FieldError("repository", "is required, as a repository name"));
        }
        if (!ImageReference.isDigest(digest)) {
            errors.add(new ApiError.FieldError("digest", "must be sha256: and 64 lower-case hex digits"));
        }
        if (!errors.isEmpty()) {
            return ApiResponses.badRequest("the image is not named properly", errors);
        }
        if (!readable.allows(registry)) {
            return HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN).body(ApiError.field("registry",
                    registry + " is not a registry this service may read (layerline.build.allowed-registries)"));
        }
        try {
            EfficiencyReport report = efficiency.report(registry, repository, digest);
            return HttpResponse.ok(new ReportBody(registry + "/" + repository + "@" + digest, report.totalBytes(),
                    report.wastedBytes(), report.efficiency(), report.layers().stream().map(layer -> new LayerBody(
                    layer.digest(), layer.compressedSize(), layer.files(), layer.fileBytes(), layer.wastedBytes()))
                    .toList(), report.largestWaste().stream().map(file -> new WastedBody(file.path(), file.bytes(),
                    file.addedIn(), file.goneIn())).toList()));
        } catch (ImageNotFound e) {
            return ApiResponses.notFound("the registry " + registry + " holds no image " + repository + "@" + digest);
        } catch (BuildFailure e) {
            LOG.warn("Efficiency of {}/{}@{}: the registry could not be read", registry, repository, digest, e);
            return ApiResponses.badGateway("the registry " + registry);
        }
    }
}

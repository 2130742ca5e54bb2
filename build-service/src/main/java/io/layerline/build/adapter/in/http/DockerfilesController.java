package io.layerline.build.adapter.in.http;

import io.layerline.build.application.AnalyzeDockerfile;
import io.layerline.build.application.DockerfileAnalyses;
import io.layerline.build.domain.dockerfile.DockerfileAnalysis;
import io.layerline.build.domain.dockerfile.Finding;
import io.layerline.http.ApiError;
import io.layerline.http.ApiResponses;
import io.layerline.http.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Dockerfile analysis: stages, bases, layers and findings, as JSON or from a plain-text body. */
@Controller("/api/v1/dockerfiles")
@Secured(Roles.VIEWER)
@Tag(name = "dockerfiles")
class DockerfilesController {

    private final DockerfileAnalyses analyses;

    DockerfilesController(DockerfileAnalyses analyses) {
        this.analyses = analyses;
    }

    @Serdeable
    record FindingBody(String rule, String severity, int line, String message, String hint,
                       @Nullable String hadolint) {
    }

    @Serdeable
    record StageBody(int index, @Nullable String name, int line, String written, String base,
                     @Nullable Integer baseStage, long layerInstructions, boolean isFinal) {
    }

    @Serdeable
    record AnalysisBody(List<StageBody> stages, @Nullable String finalBase, long layerInstructions,
                        Map<String, Long> findingsBySeverity, List<FindingBody> findings) {
    }

    /** A Dockerfile to analyse, as JSON. */
    @Serdeable
    record AnalysisRequest(@Nullable String content, @Nullable String path, @Nullable Map<String, String> buildArgs) {
    }

    @Post(uri = "/analyze", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Analyse a Dockerfile sent as JSON: {content, path, buildArgs}")
    HttpResponse<?> analyze(@Body AnalysisRequest request) {
        return answer(new AnalyzeDockerfile(request.content(), request.path(), request.buildArgs()));
    }

    @Post(uri = "/analyze{?path}", consumes = MediaType.TEXT_PLAIN, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Analyse a Dockerfile sent as itself (curl --data-binary @Dockerfile -H 'Content-Type: "
            + "text/plain'), its path as a query parameter")
    HttpResponse<?> analyzeText(@Body String content, @Nullable @QueryValue String path) {
        return answer(new AnalyzeDockerfile(content, path, Map.of()));
    }

    private HttpResponse<?> answer(AnalyzeDockerfile command) {
        List<AnalyzeDockerfile.FieldError> problems = command.problems();
        if (!problems.isEmpty()) {
            return ApiResponses.badRequest("the Dockerfile cannot be analysed", problems.stream()
                    .map(problem -> new ApiError.FieldError(problem.field(), problem.message())).toList());
        }
        return HttpResponse.ok(body(analyses.analyze(command)));
    }

    static AnalysisBody body(DockerfileAnalysis analysis) {
        Map<String, Long> bySeverity = new java.util.TreeMap<>();
        analysis.findings().forEach(finding -> bySeverity.merge(lower(finding.severity()), 1L, Long::sum));
        return new AnalysisBody(analysis.stages().stream().map(stage -> new StageBody(stage.index(), stage.name(),
                        stage.line(), stage.written(), stage.base(), stage.baseStage() < 0 ? null : stage.baseStage(),
                        stage.layerInstructions(), stage.isFinal())).toList(),
                analysis.finalBase(), analysis.layerInstructions(), bySeverity,
                analysis.findings().stream().map(finding -> new FindingBody(finding.rule(), lower(finding.severity()),
                        finding.line(), finding.message(), finding.hint(), finding.hadolint())).toList());
    }

    private static String lower(Finding.Severity severity) {
        return severity.name().toLowerCase(Locale.ROOT);
    }
}

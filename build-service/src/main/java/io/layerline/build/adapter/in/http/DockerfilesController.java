package io.layerline.build.adapter.in.http;

import io.layerline.build.application.AnalyzeDockerfile;
import io.layerline.build.application.DockerfileAnalyses;
import io.layerline.build.domain.dockerfile.DockerfileAnalysis;
import io.layerline.build.domain.dockerfile.Finding;
import io.layerline.http.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Dockerfile analysis: stages, bases, layers and findings, as JSON or from a plain-text body. */
@Controller("/api/v1/dockerfiles")
@Secured(Roles.VIEWER)
@Tag(name = "dockerfiles")
class DockerfilesController {

    private final DockerfileAnalyses analyses;
    private final JsonMapper json;

    DockerfilesController(DockerfileAnalyses analyses, JsonMapper json) {
        this.analyses = analyses;
        this.json = json;
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

    @Post(uri = "/analyze{?path}", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN},
            produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Analyse a Dockerfile: JSON {content, path, buildArgs}, or the Dockerfile itself as text/plain "
            + "(curl --data-binary @Dockerfile) with the path as a query parameter")
    @SuppressWarnings("unchecked")
    HttpResponse<?> analyze(HttpRequest<?> request, @Body String body, @Nullable @QueryValue String path) {
        if (request.getContentType().map(type -> type.matches(MediaType.TEXT_PLAIN_TYPE)).orElse(false)) {
            return answer(new AnalyzeDockerfile(body, path, Map.of()));
        }
        Object parsed;
        try {
            parsed = json.readValue(body, Object.class);
        } catch (IOException | RuntimeException e) {
            return HttpResponse.badRequest(ErrorBody.of("body", "is not valid JSON"));
        }
        if (!(parsed instanceof Map<?, ?> fields)) {
            return HttpResponse.badRequest(ErrorBody.of("body", "must be a JSON object"));
        }
        List<ErrorBody.FieldErrorBody> errors = new ArrayList<>();
        Fields read = new Fields((Map<String, Object>) fields, errors);
        String content = read.text("content");
        String jsonPath = read.text("path");
        Map<String, String> buildArgs = read.strings("buildArgs");
        if (!errors.isEmpty()) {
            return HttpResponse.badRequest(new ErrorBody("the request is malformed", errors));
        }
        return answer(new AnalyzeDockerfile(content, jsonPath, buildArgs));
    }

    private HttpResponse<?> answer(AnalyzeDockerfile command) {
        List<AnalyzeDockerfile.FieldError> problems = command.problems();
        if (!problems.isEmpty()) {
            return HttpResponse.badRequest(new ErrorBody("the Dockerfile cannot be analysed", problems.stream()
                    .map(problem -> new ErrorBody.FieldErrorBody(problem.field(), problem.message())).toList()));
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

package io.layerline.build.adapter.out.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.layerline.build.application.GateSettings;
import io.layerline.build.application.port.BuildGate;
import io.layerline.build.domain.build.StageBase;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

/**
 * The catalog-service's gate over HTTP: {@code POST /api/v1/gates/evaluate} with the candidate's resolved bases. A
 * synchronous call between two services, accepted in ADR 0018: CI needs the answer before the push.
 */
@Singleton
class CatalogGate implements BuildGate {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GateSettings settings;
    private final HttpClient http;

    CatalogGate(GateSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public Verdict check(String registry, String repository, String tag, List<StageBase> bases) {
        if (settings.catalogUrl() == null) {
            return new Off();
        }
        ObjectNode request = JSON.createObjectNode().put("image", registry + "/" + repository + ":" + tag)
                .put("environment", settings.environment());
        ArrayNode listed = request.putObject("candidate").putArray("bases");
        bases.forEach(base -> listed.addObject().put("reference", base.reference()).put("digest", base.digest())
                .put("finalStage", base.finalStage()));
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(URI.create(settings.catalogUrl() + "/api/v1/gates/evaluate"))
                    .timeout(settings.timeout()).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + settings.token())
                    .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Unavailable("the catalog-service cannot be reached at " + settings.catalogUrl());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable("interrupted");
        }
        if (answer.statusCode() != 200) {
            return new Unavailable("the catalog-service answered " + answer.statusCode());
        }
        try {
            JsonNode verdict = JSON.readTree(answer.body());
            String outcome = verdict.path("outcome").asText();
            String message = verdict.path("message").asText();
            if (!Set.of("pass", "warn", "fail").contains(outcome)) {
                return new Unavailable("the catalog-service's answer has no outcome");
            }
            return outcome.equals("fail") ? new Refused(message) : new Passed(outcome, message);
        } catch (IOException e) {
            return new Unavailable("the catalog-service's answer is not JSON");
        }
    }
}

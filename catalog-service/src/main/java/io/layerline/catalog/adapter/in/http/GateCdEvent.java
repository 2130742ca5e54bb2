package io.layerline.catalog.adapter.in.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.layerline.catalog.application.EvaluateGate;
import io.layerline.catalog.domain.gate.Outcome;

import java.time.Instant;
import java.util.UUID;

/**
 * A verdict as a CDEvent a CI or CD system can act on: CDEvents 0.5.1 has no gate event, and a quality gate is a test
 * suite an image runs, so a verdict is a {@code testsuiterun.finished} — {@code success} for pass and warn,
 * {@code failure} (severity {@code critical}) for fail, the failed rules or the warnings as its reason.
 */
final class GateCdEvent {

    static final String TYPE = "dev.cdevents.testsuiterun.finished.0.3.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "/layerline/catalog-service/gates";

    private GateCdEvent() {
    }

    static String of(EvaluateGate.Evaluation evaluation, String environment, String message, Instant at) {
        ObjectNode event = JSON.createObjectNode();
        event.putObject("context").put("specversion", "0.5.1").put("id", UUID.randomUUID().toString())
                .put("source", SOURCE).put("type", TYPE).put("timestamp", at.toString());
        ObjectNode subject = event.putObject("subject");
        subject.put("id", evaluation.facts().digest() == null ? evaluation.facts().reference()
                : evaluation.facts().name() + "@" + evaluation.facts().digest()).put("source", SOURCE);
        Outcome outcome = evaluation.verdict().outcome();
        ObjectNode content = subject.putObject("content")
                .put("outcome", outcome == Outcome.FAIL ? "failure" : "success");
        if (outcome != Outcome.PASS) {
            content.put("severity", outcome == Outcome.FAIL ? "critical" : "low");
        }
        content.put("reason", message);
        content.putObject("environment").put("id", environment).put("source", SOURCE);
        content.putObject("testSuite").put("id", "layerline-quality-gate").put("name", "Layerline quality gate")
                .put("version", "1");
        return event.toString();
    }
}

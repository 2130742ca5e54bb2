package io.layerline.catalog.adapter.in.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.layerline.catalog.application.EvaluateGate;
import io.layerline.catalog.domain.gate.Outcome;
import io.layerline.http.ApiResponses;
import io.layerline.http.security.Roles;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kubernetes validating admission webhook: an {@code admission.k8s.io/v1} AdmissionReview of a Pod, or of a
 * Deployment, ReplicaSet, StatefulSet, DaemonSet, Job or CronJob, is answered from the gate's evaluation of every
 * container, init container and ephemeral container image for the cluster's environment ({@code ?environment=},
 * else the configured one). A failed rule denies, naming the image and the rule; a warning travels as an admission
 * warning. When the evaluation cannot be made in time (the database is down, say), the answer follows the failure
 * policy: allowed with a warning when failing open, denied when failing closed. A dry run is evaluated but neither
 * audited nor counted, so the webhook has no side effect on one ({@code sideEffects: NoneOnDryRun}).
 */
@Controller(AdmissionAccess.PATH)
@Secured(Roles.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "gates")
class AdmissionController {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionController.class);
    private static final String API_VERSION = "admission.k8s.io/v1";
    /** Kubernetes shows a warning of at most this many characters in full. */
    private static final int WARNING_LENGTH = 256;

    private final ObjectMapper json = new ObjectMapper();
    private final EvaluateGate evaluate;
    private final ExecutorService executor;
    private final String defaultEnvironment;
    private final boolean failOpen;
    private final Duration deadline;

    AdmissionController(EvaluateGate evaluate, @Named(TaskExecutors.BLOCKING) ExecutorService executor,
                        @Value("${layerline.catalog.gates.admission.environment}") String defaultEnvironment,
                        @Value("${layerline.catalog.gates.admission.fail-open}") boolean failOpen,
                        @Value("${layerline.catalog.gates.admission.deadline}") Duration deadline) {
        this.evaluate = evaluate;
        this.executor = executor;
        this.defaultEnvironment = defaultEnvironment;
        this.failOpen = failOpen;
        this.deadline = deadline;
    }

    /** An image of the object, where it is, and its verdict. */
    private record Checked(AdmissionImages.ContainerImage container, EvaluateGate.Evaluation evaluation) {
    }

    @Post(uri = "{?environment}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Kubernetes ValidatingAdmissionWebhook: an admission.k8s.io/v1 AdmissionReview answered "
            + "from the gate's verdict on every container image of the object")
    HttpResponse<?> review(@Body String body, @Nullable @QueryValue String environment,
                           @Nullable Authentication caller) {
        JsonNode review;
        try {
            review = json.readTree(body);
        } catch (JsonProcessingException e) {
            return ApiResponses.badRequest("body", "is not JSON: an " + API_VERSION + " AdmissionReview is expected");
        }
        if (review == null || !API_VERSION.equals(review.path("apiVersion").asText())
                || !"AdmissionReview".equals(review.path("kind").asText())) {
            return ApiResponses.badRequest("apiVersion", "must be " + API_VERSION + ", kind AdmissionReview");
        }
        JsonNode request = review.path("request");
        String uid = request.path("uid").asText("");
        if (uid.isEmpty()) {
            return ApiResponses.badRequest("request.uid", "is required");
        }
        String target = environment == null ? defaultEnvironment : environment;
        if (!GatesController.ENVIRONMENT.matcher(target).matches()) {
            return ApiResponses.badRequest("environment", "lower-case letters, digits, '_', '-' and '.', at most 63 "
                    + "characters");
        }
        String kind = request.path("kind").path("kind").asText();
        String operation = request.path("operation").asText();
        if (!Set.of("CREATE", "UPDATE").contains(operation) || !AdmissionImages.checks(kind)) {
            return answer(uid, true, null, List.of());
        }
        List<AdmissionImages.ContainerImage> images = AdmissionImages.of(kind, request.path("object"));
        String askedBy = (caller == null ? "anonymous" : caller.getName()) + " for "
                + request.path("userInfo").path("username").asText("?");
        boolean dryRun = request.path("dryRun").asBoolean(false);
        CompletableFuture<List<Checked>> checking = CompletableFuture.supplyAsync(() -> check(images, target,
                askedBy, !dryRun), executor);
        try {
            return verdict(uid, checking.get(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unevaluated(uid, kind, "it was interrupted");
        } catch (TimeoutException e) {
            checking.cancel(true);
            LOG.warn("Admission of {} {} not evaluated within {}", kind, uid, deadline);
            return unevaluated(uid, kind, "it took longer than " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            LOG.warn("Admission of {} {} could not be evaluated", kind, uid, e.getCause());
            return unevaluated(uid, kind, "the catalog could not answer");
        }
    }

    /** Each distinct image once, in the object's order. */
    private List<Checked> check(List<AdmissionImages.ContainerImage> images, String environment, String askedBy,
                                boolean audited) {
        Map<String, EvaluateGate.Evaluation> byImage = new LinkedHashMap<>();
        List<Checked> checked = new ArrayList<>();
        for (AdmissionImages.ContainerImage image : images) {
            if (!EvaluateGate.isReference(image.image())) {
                continue;
            }
            checked.add(new Checked(image, byImage.computeIfAbsent(image.image(), reference -> evaluate.evaluate(
                    new EvaluateGate.Request(reference, environment, askedBy, EvaluateGate.Source.ADMISSION,
                            audited, null)))));
        }
        return checked;
    }

    private HttpResponse<?> verdict(String uid, List<Checked> checked) {
        List<String> denials = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Checked image : checked) {
            String where = image.container().image() + " (" + image.container().path() + ")";
            if (image.evaluation().verdict().outcome() == Outcome.FAIL) {
                denials.add(where + ": " + image.evaluation().verdict().explain(Outcome.FAIL));
            }
            String warned = image.evaluation().verdict().explain(Outcome.WARN);
            if (!warned.isEmpty()) {
                warnings.add(abbreviate(where + ": " + warned));
            }
        }
        return answer(uid, denials.isEmpty(), denials.isEmpty() ? null
                : "Layerline's gate denies " + String.join("; ", denials), warnings);
    }

    /** The failure policy's answer when the images could not be evaluated. */
    private HttpResponse<?> unevaluated(String uid, String kind, String why) {
        String message = "Layerline could not evaluate the images of this " + kind + " (" + why + ")";
        return failOpen ? answer(uid, true, null, List.of(abbreviate(message + "; allowed: the gate fails open")))
                : answer(uid, false, message + "; denied: the gate fails closed", List.of());
    }

    private HttpResponse<?> answer(String uid, boolean allowed, String denial, List<String> warnings) {
        ObjectNode review = json.createObjectNode().put("apiVersion", API_VERSION).put("kind", "AdmissionReview");
        ObjectNode response = review.putObject("response").put("uid", uid).put("allowed", allowed);
        if (denial != null) {
            response.putObject("status").put("code", 403).put("reason", "Forbidden").put("message", denial);
        }
        if (!warnings.isEmpty()) {
            ArrayNode listed = response.putArray("warnings");
            warnings.forEach(listed::add);
        }
        return HttpResponse.ok(review.toString()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static String abbreviate(String warning) {
        return warning.length() <= WARNING_LENGTH ? warning : warning.substring(0, WARNING_LENGTH - 1) + "…";
    }
}

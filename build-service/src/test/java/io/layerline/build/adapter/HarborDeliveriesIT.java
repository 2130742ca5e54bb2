package io.layerline.build.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.Topics;
import io.layerline.contracts.v1.ImageDeleted;
import io.layerline.contracts.v1.ImagePulled;
import io.layerline.contracts.v1.ImagePushed;
import io.layerline.contracts.v1.ImageScanned;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.EventStream;
import io.layerline.testing.HarborStub;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.OciImages;
import io.layerline.testing.ProducerCorpus;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.layerline.testing.EventStream.announced;
import static io.layerline.testing.EventStream.awaitOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Harbor's deliveries as Harbor's own code writes them ({@code testing/src/main/resources/producers/harbor}), posted to
 * the running service, against a stub of Harbor's API that checks every request and answer against Harbor's
 * OpenAPI spec: every event type in both formats becomes the right event, field by field, once.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HarborDeliveriesIT implements TestPropertyProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "Basic " + UUID.randomUUID();
    private static final String BUSYBOX = "sha256:dde8e930c7b6a490f728e66292bc9bce42efc9bbb5278bae40e4f30f6e00fe8c";

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** What the stub says of each artifact, by digest: its {@code type}, tags, and whether it is an index. */
    private final Map<String, Artifact> artifacts = new ConcurrentHashMap<>();
    /** Projects for which Harbor's API is slow to answer, and those it answers with errors for. */
    private final Map<String, Duration> slow = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final HarborStub harbor = HarborStub.start()
            .on("GET", "/projects/([^/]+)/repositories/[^/]+/artifacts/([^/]+)", exchange -> {
                pause(exchange.match().group(1));
                if (failing.contains(exchange.match().group(1))) {
                    return HarborStub.Answer.json(500, """
                            {"errors": [{"code": "UNKNOWN", "message": "database is unavailable"}]}""");
                }
                Artifact artifact = artifacts.get(exchange.match().group(2));
                return artifact == null ? HarborStub.Answer.json(404, """
                        {"errors": [{"code": "NOT_FOUND", "message": "artifact not found"}]}""")
                        : HarborStub.Answer.json(200, artifact.json(exchange.match().group(2)));
            })
            .on("GET", "/projects/([^/]+)/repositories/[^/]+/artifacts/([^/]+)/tags", exchange -> {
                pause(exchange.match().group(1));
                Artifact artifact = artifacts.get(exchange.match().group(2));
                return HarborStub.Answer.json(200, artifact == null ? "[]" : artifact.tagsJson());
            });

    /** An artifact as Harbor's API describes it. */
    private record Artifact(String type, List<String> tags, boolean index, String mediaType) {

        String json(String digest) {
            String references = index ? """
                    [{"parent_id": 9, "child_id": 10, "child_digest": "%s",
                      "platform": {"architecture": "arm64", "os": "linux"}}]""".formatted(digest) : "[]";
            return """
                    {"id": 9, "type": "%s", "media_type": "%s", "manifest_media_type": "%s", "project_id": 1,
                     "repository_id": 7, "digest": "%s", "size": 2156, "push_time": "2026-11-25T10:00:00.000Z",
                     "pull_time": "0001-01-01T00:00:00.000Z", "references": %s}""".formatted(type, mediaType,
                    index ? "application/vnd.oci.image.index.v1+json" : "application/vnd.oci.image.manifest.v1+json",
                    digest, references);
        }

        String tagsJson() {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < tags.size(); i++) {
                json.append(i == 0 ? "" : ",").append("""
                        {"id": %d, "repository_id": 7, "artifact_id": 9, "name": "%s",
                         "push_time": "2026-11-25T10:00:00.000Z", "pull_time": "2026-11-25T10:05:00.000Z",
                         "immutable": false}""".formatted(i + 1, tags.get(i)));
            }
            return json.append("]").toString();
        }
    }

    private static final String IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.put("layerline.build.harbor.webhook-secret", SECRET);
        properties.put("layerline.build.harbor.url", harbor.url().toString());
        properties.put("layerline.build.harbor.describe-backoff", "200ms");
        properties.put("layerline.build.harbor.describe-attempts", "4");
        properties.put("layerline.build.harbor.timeout", "8s");
        return properties;
    }

    @AfterAll
    void noRequestBrokeHarborsApi() {
        assertThat(harbor.violations()).isEmpty();
        harbor.close();
    }

    @Test
    void pushesCarryEveryTagHarborKnowsAndWhatTheArtifactIs() throws Exception {
        ProducerCorpus deliveries = deliveries("pushes");
        String image = deliveries.digest(BUSYBOX);
        String index = digestIn(deliveries, "default/push-index.json");
        String child = digestIn(deliveries, "default/push-index-child-by-digest.json");
        String signature = digestIn(deliveries, "default/push-cosign-signature.json");
        String chart = digestIn(deliveries, "default/push-helm-chart.json");
        artifacts.put(image, new Artifact("IMAGE", List.of("1.36.1", "1.36", "latest"), false, IMAGE_CONFIG));
        artifacts.put(index, new Artifact("IMAGE", List.of("1.37.0"), true, ""));
        artifacts.put(child, new Artifact("IMAGE", List.of(), false, IMAGE_CONFIG));
        artifacts.put(signature, new Artifact("IMAGE", List.of("sha256-" + image.substring(7) + ".sig"), false,
                IMAGE_CONFIG));
        artifacts.put(chart, new Artifact("CHART", List.of("15.0.0"), false,
                "application/vnd.cncf.helm.config.v1+json"));

        for (String file : List.of("push-tagged", "push-index", "push-index-child-by-digest", "push-cosign-signature",
                "push-helm-chart")) {
            assertThat(harbor(deliveries.read("harbor", "default/" + file + ".json", "library")).statusCode())
                    .as(file).isEqualTo(202);
        }

        ImagePushed pushed = awaitOne(EventTypes.IMAGE_PUSHED, event -> event.digest().equals(image));
        assertThat(pushed.registry()).isEqualTo("harbor.dev");
        assertThat(pushed.repository()).isEqualTo(project("pushes") + "/busybox");
        assertThat(pushed.tags()).containsExactly("1.36.1", "1.36", "latest");
        assertThat(pushed.artifactKind()).isEqualTo(ImagePushed.ArtifactKind.IMAGE);
        assertThat(pushed.pushedBy()).isEqualTo("robot$" + project("pushes") + "+ci");
        assertThat(pushed.pushedAt()).isEqualTo("2025-11-25T10:00:00Z");
        assertThat(kindOf(index)).isEqualTo(ImagePushed.ArtifactKind.INDEX);
        ImagePushed byDigest = awaitOne(EventTypes.IMAGE_PUSHED, event -> event.digest().equals(child));
        assertThat(byDigest.tags()).isEmpty();
        assertThat(byDigest.artifactKind()).isEqualTo(ImagePushed.ArtifactKind.IMAGE);
        assertThat(kindOf(signature)).isEqualTo(ImagePushed.ArtifactKind.SIGNATURE);
        assertThat(kindOf(chart)).isEqualTo(ImagePushed.ArtifactKind.HELM_CHART);
        assertThat(harbor.received()).anySatisfy(exchange -> assertThat(exchange.rawPath())
                .isEqualTo("/projects/" + project("pushes") + "/repositories/busybox/artifacts/" + image + "/tags"));
    }

    @Test
    void pullsAndDeletesByDigestOrTagAreTakenAsHarborMeansThem() throws Exception {
        ProducerCorpus deliveries = deliveries("pulls");
        String image = deliveries.digest(BUSYBOX);
        String child = digestIn(deliveries, "default/delete-untagged.json");

        assertThat(harbor(deliveries.read("harbor", "default/pull-by-digest.json", "library")).statusCode())
                .isEqualTo(202);
        assertThat(harbor(deliveries.read("harbor", "default/pull-tagged.json", "library")).statusCode())
                .isEqualTo(202);
        assertThat(harbor(deliveries.read("harbor", "default/delete-untagged.json", "library")).statusCode())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> announced(EventTypes.IMAGE_PULLED,
                event -> event.digest().equals(image)), pulls -> pulls.size() == 2);
        List<ImagePulled> pulls = announced(EventTypes.IMAGE_PULLED, event -> event.digest().equals(image));
        assertThat(pulls).extracting(ImagePulled::tag).containsExactlyInAnyOrder(null, "1.36.1");
        assertThat(pulls).extracting(ImagePulled::pulledBy)
                .contains("admin", "robot$" + project("pulls") + "+deployer");
        ImageDeleted deleted = awaitOne(EventTypes.IMAGE_DELETED, event -> event.digest().equals(child));
        assertThat(deleted.repository()).isEqualTo(project("pulls") + "/busybox");
        assertThat(deleted.tags()).isEmpty();
    }

    @Test
    void scansSayWhatTheyFoundAndNeverCallAMissingSummaryClean() throws Exception {
        ProducerCorpus deliveries = deliveries("scans");
        String image = deliveries.digest(BUSYBOX);
        String index = digestIn(deliveries, "default/scan-completed-without-overview.json");
        String child = digestIn(deliveries, "default/scan-completed-still-running.json");

        for (String file : List.of("scan-completed", "scan-completed-without-overview",
                "scan-completed-still-running", "scan-sbom-completed", "scan-failed", "scan-stopped")) {
            assertThat(harbor(deliveries.read("harbor", "default/" + file + ".json", "library")).statusCode())
                    .as(file).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> announced(EventTypes.IMAGE_SCANNED,
                event -> event.digest().equals(image)), scans -> scans.size() == 3);
        List<ImageScanned> ofImage = announced(EventTypes.IMAGE_SCANNED, event -> event.digest().equals(image));
        ImageScanned vulnerabilities = ofImage.stream().filter(scan -> scan.scanType() == ImageScanned.ScanType
                .VULNERABILITY && scan.status() == ImageScanned.ScanStatus.SUCCEEDED).findFirst().orElseThrow();
        assertThat(vulnerabilities.scanner()).isEqualTo("Trivy");
        assertThat(vulnerabilities.vulnerabilities()).isEqualTo(new ImageScanned.Vulnerabilities(1, 3, 5, 7, 1, 2));
        ImageScanned sbom = ofImage.stream().filter(scan -> scan.scanType() == ImageScanned.ScanType.SBOM)
                .findFirst().orElseThrow();
        assertThat(sbom.status()).isEqualTo(ImageScanned.ScanStatus.SUCCEEDED);
        assertThat(sbom.sbomDigest()).isEqualTo(deliveries.digest(
                "sha256:0675d3ab2cea155befc13bf673148e50e8cbe286c0a8a09314e3af162cf928bf"))
                .as("the SBOM's digest, mapped like every other");
        assertThat(sbom.vulnerabilities()).isNull();
        ImageScanned stopped = ofImage.stream().filter(scan -> Boolean.TRUE.equals(scan.stopped())).findFirst()
                .orElseThrow();
        assertThat(stopped.status()).isEqualTo(ImageScanned.ScanStatus.FAILED);
        assertThat(stopped.vulnerabilities()).isNull();
        ImageScanned noOverview = awaitOne(EventTypes.IMAGE_SCANNED, event -> event.digest().equals(index)
                && event.status() == ImageScanned.ScanStatus.SUCCEEDED);
        assertThat(noOverview.vulnerabilities()).as("no summary is not a clean bill").isNull();
        assertThat(noOverview.scanner()).isNull();
        ImageScanned running = awaitOne(EventTypes.IMAGE_SCANNED, event -> event.digest().equals(child));
        assertThat(running.status()).isEqualTo(ImageScanned.ScanStatus.SUCCEEDED);
        assertThat(running.vulnerabilities()).isNull();
        ImageScanned failed = awaitOne(EventTypes.IMAGE_SCANNED, event -> event.digest().equals(index)
                && event.status() == ImageScanned.ScanStatus.FAILED);
        assertThat(failed.stopped()).isNull();
        assertThat(failed.vulnerabilities()).isNull();
    }

    @Test
    void theCloudEventsFormatSaysTheSame() throws Exception {
        ProducerCorpus deliveries = deliveries("cloudevents");
        String image = deliveries.digest(BUSYBOX);
        artifacts.put(image, new Artifact("IMAGE", List.of("1.36.1", "stable"), false, IMAGE_CONFIG));

        for (String file : List.of("pull-by-digest", "push-tagged", "scan-completed", "scan-stopped")) {
            assertThat(harbor(deliveries.read("harbor", "cloudevents/" + file + ".json", "library")).statusCode())
                    .as(file).isEqualTo(202);
        }

        ImagePulled pulled = awaitOne(EventTypes.IMAGE_PULLED, event -> event.digest().equals(image));
        assertThat(pulled.tag()).isNull();
        assertThat(pulled.pulledBy()).startsWith("robot$" + project("cloudevents") + "+scanner-Trivy");
        assertThat(pulled.pulledAt()).isEqualTo("2023-03-06T06:08:43Z");
        ImagePushed pushed = awaitOne(EventTypes.IMAGE_PUSHED, event -> event.digest().equals(image));
        assertThat(pushed.tags()).containsExactly("1.36.1", "stable");
        assertThat(pushed.artifactKind()).isEqualTo(ImagePushed.ArtifactKind.IMAGE);
        await().atMost(Duration.ofSeconds(30)).until(() -> announced(EventTypes.IMAGE_SCANNED,
                event -> event.digest().equals(image)), scans -> scans.size() == 2);
        assertThat(announced(EventTypes.IMAGE_SCANNED, event -> event.digest().equals(image)))
                .extracting(ImageScanned::status, ImageScanned::stopped).containsExactlyInAnyOrder(
                        tuple(ImageScanned.ScanStatus.SUCCEEDED, null),
                        tuple(ImageScanned.ScanStatus.FAILED, true));
    }

    /**
     * Harbor retries a delivery it got no answer to, and delivers an event once per webhook policy (each with its
     * own CloudEvents id): one event is announced, the rest answered 200.
     */
    @Test
    void aRetriedOrTwiceDeliveredEventIsAnnouncedOnce() throws Exception {
        ProducerCorpus deliveries = deliveries("replays");
        String image = deliveries.digest(BUSYBOX);
        String pull = deliveries.read("harbor", "cloudevents/pull-by-digest.json", "library");
        ObjectNode secondPolicy = (ObjectNode) JSON.readTree(pull);
        secondPolicy.put("id", UUID.randomUUID().toString()).put("source", "/projects/1/webhook/policies/4");
        String push = deliveries.read("harbor", "default/push-tagged.json", "library");

        assertThat(harbor(pull).statusCode()).isEqualTo(202);
        assertThat(harbor(pull).statusCode()).isEqualTo(200);
        HttpResponse<String> twice = harbor(JSON.writeValueAsString(secondPolicy));
        assertThat(twice.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(twice.body()).path("outcome").asText()).isEqualTo("duplicate");
        assertThat(harbor(push).statusCode()).isEqualTo(202);
        assertThat(harbor(push).statusCode()).isEqualTo(200);
        assertThat(harbor(deliveries.read("harbor", "cloudevents/push-tagged.json", "library")).statusCode())
                .as("the same push, delivered by a policy of the other format").isEqualTo(200);

        awaitOne(EventTypes.IMAGE_PUSHED, event -> event.digest().equals(image));
        awaitOne(EventTypes.IMAGE_PULLED, event -> event.digest().equals(image));
        Thread.sleep(1_000);
        assertThat(announced(EventTypes.IMAGE_PULLED, event -> event.digest().equals(image))).hasSize(1);
        assertThat(announced(EventTypes.IMAGE_PUSHED, event -> event.digest().equals(image))).hasSize(1);
        assertThat(get("/prometheus")).contains("layerline_build_ingress_events_total{outcome=\"duplicate\","
                + "service=\"build-service\",source=\"harbor\",type=\"pulled\"}");
    }

    /** Harbor's webhook client gives up after 3 s: the answer never waits on Harbor's API, however slow it is. */
    @Test
    void deliveriesAreAnsweredInUnderASecondWhileHarborsApiTakesFive() throws Exception {
        ProducerCorpus deliveries = deliveries("slow");
        String image = deliveries.digest(BUSYBOX);
        artifacts.put(image, new Artifact("IMAGE", List.of("1.36.1", "1.36", "latest"), false, IMAGE_CONFIG));
        slow.put(project("slow"), Duration.ofSeconds(5));

        long started = System.nanoTime();
        HttpResponse<String> answer = harbor(deliveries.read("harbor", "default/push-tagged.json", "library"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        ImagePushed pushed = await().atMost(Duration.ofSeconds(40)).until(() -> announced(EventTypes.IMAGE_PUSHED,
                event -> event.digest().equals(image)), list -> !list.isEmpty()).get(0);
        assertThat(pushed.tags()).containsExactly("1.36.1", "1.36", "latest");
        System.out.printf("Harbor push answered in %d ms with Harbor's API taking 5 s a call%n", took.toMillis());
    }

    /**
     * While Harbor's API cannot answer, a push waits for it and what came after it in the repository waits behind
     * it: a pull never overtakes the push it follows. After the last attempt the push is announced with the
     * webhook's tag and an unknown kind, never a guessed one.
     */
    @Test
    void whileHarborCannotAnswerAPushWaitsAndWhatFollowsItWaitsBehind() throws Exception {
        ProducerCorpus deliveries = deliveries("down");
        String image = deliveries.digest(BUSYBOX);
        failing.add(project("down"));

        assertThat(harbor(deliveries.read("harbor", "default/push-tagged.json", "library")).statusCode())
                .isEqualTo(202);
        assertThat(harbor(deliveries.read("harbor", "default/pull-by-digest.json", "library")).statusCode())
                .isEqualTo(202);

        ImagePushed pushed = awaitOne(EventTypes.IMAGE_PUSHED, event -> event.digest().equals(image));
        assertThat(pushed.tags()).containsExactly("1.36.1");
        assertThat(pushed.artifactKind()).isEqualTo(ImagePushed.ArtifactKind.UNKNOWN);
        awaitOne(EventTypes.IMAGE_PULLED, event -> event.digest().equals(image));
        try (EventStream events = EventStream.onTestBroker()) {
            List<String> types = events.records(Topics.IMAGES).stream()
                    .filter(record -> new String(record.value(), StandardCharsets.UTF_8).contains(image))
                    .map(record -> EventStream.header(record, "ce_type")).toList();
            assertThat(types).containsExactly(EventTypes.IMAGE_PUSHED.ceType(), EventTypes.IMAGE_PULLED.ceType());
        }
        assertThat(harbor.received().stream().filter(exchange -> exchange.rawPath().endsWith(image))).hasSize(4);
        assertThat(get("/prometheus")).contains("layerline_build_harbor_describe_failures_total");
    }

    @Test
    void quotaReplicationAndTagRetentionAreCountedAndWhatRetentionRemovedIsDeleted() throws Exception {
        ProducerCorpus deliveries = deliveries("operations");
        String project = project("operations");
        String old = deliveries.digest(OciImages.sha256("busybox 1.35.0".getBytes(StandardCharsets.UTF_8)));
        String untagged = deliveries.digest(OciImages.sha256("busybox untagged build".getBytes(
                StandardCharsets.UTF_8)));
        String push = deliveries.read("harbor", "default/push-tagged.json", "library")
                .replace(deliveries.digest(BUSYBOX), old).replace("1.36.1", "1.35.0");
        artifacts.put(old, new Artifact("IMAGE", List.of("1.35.0"), false, IMAGE_CONFIG));
        assertThat(harbor(push).statusCode()).isEqualTo(202);
        awaitOne(EventTypes.IMAGE_PUSHED, event -> event.digest().equals(old));

        for (String file : List.of("default/quota-warning.json", "default/quota-exceed.json",
                "default/replication.json", "cloudevents/replication.json", "default/tag-retention.json")) {
            HttpResponse<String> answer = harbor(deliveries.read("harbor", file, "library"));
            assertThat(answer.statusCode()).as(file).isIn(200, 202);
        }

        ImageDeleted byTag = awaitOne(EventTypes.IMAGE_DELETED, event -> event.digest().equals(old));
        assertThat(byTag.repository()).isEqualTo(project + "/busybox");
        assertThat(byTag.tags()).containsExactly("1.35.0");
        assertThat(byTag.registry()).isEqualTo("harbor.dev");
        assertThat(awaitOne(EventTypes.IMAGE_DELETED, event -> event.digest().equals(untagged)).tags()).isEmpty();
        String metrics = get("/prometheus");
        assertThat(metrics).contains("layerline_build_harbor_events_total{project=\"" + project + "\","
                + "service=\"build-service\",status=\"\",type=\"quota-warning\"} 1.0");
        assertThat(metrics).contains("layerline_build_harbor_events_total{project=\"" + project + "\","
                + "service=\"build-service\",status=\"\",type=\"quota-exceeded\"} 1.0");
        assertThat(metrics).as("the same replication in both formats counts once").contains(
                "layerline_build_harbor_events_total{project=\"" + project + "\",service=\"build-service\","
                        + "status=\"Success\",type=\"replication\"} 1.0");
        assertThat(metrics).contains("layerline_build_harbor_retention_removed_total{outcome=\"deleted\",project=\""
                + project + "\",service=\"build-service\"} 2.0");
    }

    @Test
    void eventsOfOtherKindsAreAcknowledgedAndIgnored() throws Exception {
        HttpResponse<String> chart = harbor(deliveries("charts").read("harbor", "default/upload-chart-2.7.json",
                "library"));

        assertThat(chart.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(chart.body()).path("outcome").asText()).isEqualTo("ignored");
        assertThat(JSON.readTree(chart.body()).path("reason").asText()).contains("UPLOAD_CHART");
    }

    @Test
    void deliveriesWithoutTheSecretOrWithBadBodiesAreRefusedWithAReason() throws Exception {
        ProducerCorpus deliveries = deliveries("refused");
        String image = deliveries.digest(BUSYBOX);
        String body = deliveries.read("harbor", "default/push-tagged.json", "library");

        assertThat(post(body, null).statusCode()).isEqualTo(401);
        assertThat(post(body, "Basic wrong").statusCode()).isEqualTo(401);
        assertThat(harbor("{\"type\": ").statusCode()).isEqualTo(400);
        HttpResponse<String> noRepository = harbor(body.replace("repo_full_name", "full_name"));
        assertThat(noRepository.statusCode()).isEqualTo(400);
        assertThat(noRepository.body()).contains("repo_full_name");
        HttpResponse<String> shortDigest = harbor(body.replace(image, "sha256:short"));
        assertThat(shortDigest.statusCode()).isEqualTo(400);
        assertThat(shortDigest.body()).contains("resources.digest");
        HttpResponse<String> badTag = harbor(body.replace("\"tag\": \"1.36.1\"", "\"tag\": \"-not a tag\""));
        assertThat(badTag.statusCode()).isEqualTo(400);
        assertThat(harbor("{\"type\": \"x\", \"pad\": \"" + "x".repeat(2_000_000) + "\"}").statusCode())
                .isEqualTo(413);
        Thread.sleep(1_000);
        assertThat(announced(EventTypes.IMAGE_PUSHED, event -> event.digest().equals(image))).isEmpty();
    }

    private ImagePushed.ArtifactKind kindOf(String digest) {
        return awaitOne(EventTypes.IMAGE_PUSHED, event -> event.digest().equals(digest)).artifactKind();
    }

    private ProducerCorpus deliveries(String scenario) {
        return new ProducerCorpus(run + scenario, project(scenario));
    }

    private String project(String scenario) {
        return scenario + "-" + run;
    }

    /** The digest of the first resource a delivery names. */
    private static String digestIn(ProducerCorpus deliveries, String file) throws Exception {
        JsonNode delivery = JSON.readTree(deliveries.read("harbor", file, "library"));
        JsonNode data = delivery.has("event_data") ? delivery.path("event_data") : delivery.path("data");
        return data.path("resources").path(0).path("digest").asText();
    }

    private void pause(String project) {
        Duration delay = slow.get(project);
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private HttpResponse<String> harbor(String body) throws Exception {
        return post(body, SECRET);
    }

    private HttpResponse<String> post(String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + "/api/v1/webhooks/harbor"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        return http.send(ApiTokens.request(URI.create(server.getURI() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}

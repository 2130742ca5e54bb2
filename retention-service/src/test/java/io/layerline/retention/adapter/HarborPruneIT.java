package io.layerline.retention.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.contracts.v1.DeploymentFinished;
import io.layerline.contracts.v1.ImageRef;
import io.layerline.registry.RegistryAccess;
import io.layerline.registry.RegistryClient;
import io.layerline.registry.RegistryException;
import io.layerline.testing.EventStream;
import io.layerline.testing.HarborStub;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.RawApi;
import io.layerline.testing.Registries;
import io.layerline.testing.SupplyChainImages;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pruning a Harbor, against the stub that validates every exchange against Harbor's v2.0 API and serves the
 * distribution API from a real registry behind it, as Harbor does: an image that lost its tag a month ago goes with
 * its cosign signature (the accessory first), while the tagged image's signature and a recently untagged image stay;
 * then the image is restored with its signature through the distribution API, within the undo window.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HarborPruneIT implements TestPropertyProvider {

    private static final String CURRENT = "sha256:" + "c1".repeat(32);
    private static final String CURRENT_SIGNATURE = "sha256:" + "c5".repeat(32);
    private static final String FRESH = "sha256:" + "f2".repeat(32);

    @Inject
    EmbeddedServer server;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String project = "harbor-" + run;
    private final Instant now = Instant.now();
    private final RegistryClient registry = new RegistryClient(RegistryAccess.anonymous(Registries.registry().url()));
    private HarborStub harbor;
    private String lost;
    private String lostSignature;

    @Override
    public Map<String, String> getProperties() {
        SupplyChainImages push = new SupplyChainImages(registry);
        try {
            SupplyChainImages.Pushed image = push.image(project + "/app", null, "amd64",
                    List.of(SupplyChainImages.layer(32 * 1024, 7)));
            lost = image.digest();
            lostSignature = push.cosignSignature(project + "/app", image).digest();
        } catch (RegistryException e) {
            throw new IllegalStateException(e);
        }
        harbor = HarborStub.start()
                .on("GET", "/projects", exchange -> HarborStub.Answer.json(200,
                        "[{\"name\": \"" + project + "\", \"project_id\": 1}]"))
                .on("GET", "/projects/" + project + "/repositories", exchange -> HarborStub.Answer.json(200,
                        "[{\"name\": \"" + project + "/app\"}]"))
                .on("GET", "/projects/" + project + "/repositories/app/artifacts", exchange ->
                        HarborStub.Answer.json(200, artifacts()))
                .on("DELETE", "/projects/" + project + "/repositories/app/artifacts/(sha256:[0-9a-f]{64})",
                        exchange -> HarborStub.Answer.empty(deleted(exchange.match().group(1)) ? 200 : 404));
        Map<String, String> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.put("layerline.retention.registry.type", "harbor");
        properties.put("layerline.retention.registry.harbor.url", harbor.url().toString());
        properties.put("layerline.retention.registry.harbor.username", "robot$retention");
        properties.put("layerline.retention.registry.harbor.password", "s3cret");
        properties.put("layerline.retention.deletes-per-second", "200");
        return properties;
    }

    @AfterAll
    void stopHarbor() {
        harbor.close();
    }

    @Test
    void deletesTheLongUntaggedImageAfterItsSignatureAndNothingElse() throws Exception {
        String app = project + "/app";
        try (EventStream events = EventStream.onTestBroker()) {
            deployed(events, app, lost, "svc", 25);
            deployed(events, app, FRESH, "svc", 1);
            deployed(events, app, CURRENT, "other", 20);
        }
        RawApi api = new RawApi(server.getURI());
        assertThat(api.sendJson("POST", "/api/v1/retention/policies", """
                {"id": "%s", "registry": "**", "repository": "%s/**", "priority": 900,
                 "rules": [{"type": "keepNewestUsed", "label": "unlabelled", "count": 10},
                           {"type": "deleteUntaggedOlderThan", "days": 14}]}""".formatted(project, project))
                .status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> RetentionPlans.decisions(api, app).size() == 3);
        assertThat(api.sendJson("POST", "/api/v1/retention/reconciliations", null).status()).isEqualTo(200);

        Map<String, JsonNode> decisions = RetentionPlans.decisions(api, app);
        assertThat(decisions.keySet()).containsExactlyInAnyOrder(CURRENT, CURRENT_SIGNATURE, lost, lostSignature,
                FRESH);
        assertThat(decisions.get(lost).path("reasons").asText())
                .isEqualTo("delete images untagged and pushed more than 14 days ago");
        assertThat(decisions.get(lostSignature).path("kind").asText()).isEqualTo("signature");
        assertThat(decisions.get(CURRENT_SIGNATURE).path("action").asText()).isEqualTo("KEEP");
        assertThat(decisions.get(FRESH).path("action").asText()).isEqualTo("KEEP");

        String plan = RetentionPlans.JSON.readTree(api.sendJson("POST", "/api/v1/retention/plans", null).body())
                .path("id").asText();
        assertThat(api.sendJson("POST", "/api/v1/retention/plans/" + plan + "/apply", null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> RetentionPlans.JSON.readTree(api.sendJson("GET",
                "/api/v1/retention/plans/" + plan, null).body()).path("state").asText().equals("APPLIED"));

        List<String> deleted = harbor.received().stream().filter(exchange -> exchange.method().equals("DELETE"))
                .map(exchange -> exchange.path().substring(exchange.path().lastIndexOf('/') + 1)).toList();
        assertThat(deleted).containsExactly(lostSignature, lost);
        assertThat(registry.manifest(app, lost)).isEmpty();

        JsonNode restored = api.sendJson("POST", "/api/v1/retention/plans/" + plan + "/items/" + lost + "/restore",
                null).json();
        assertThat(restored.path("restored").findValuesAsText("digest")).as("with its accessory")
                .containsExactlyInAnyOrder(lost, lostSignature);
        assertThat(registry.manifest(app, lost)).isPresent();
        assertThat(registry.digest(app, RegistryClient.referrersTag(lost) + ".sig")).contains(lostSignature);
        assertThat(harbor.forwarded()).anyMatch(request -> request.startsWith("PUT /v2/" + app + "/manifests/"));
        assertThat(harbor.violations()).isEmpty();
    }

    /** Deletes as Harbor does: the artifact and its accessories; whether it was there. */
    private boolean deleted(String digest) {
        try {
            boolean existed = registry.deleteManifest(project + "/app", digest);
            if (digest.equals(lost)) {
                registry.deleteManifest(project + "/app", lostSignature);
            }
            return existed || List.of(CURRENT, CURRENT_SIGNATURE, FRESH).contains(digest);
        } catch (RegistryException e) {
            throw new IllegalStateException(e);
        }
    }

    private void deployed(EventStream events, String repository, String digest, String service, int daysAgo) {
        Instant at = now.minus(Duration.ofDays(daysAgo));
        events.publish(new DeploymentFinished("d-" + run + "-" + digest.substring(7, 15), service + "-" + run, "dev",
                new ImageRef(harbor.host(), repository, digest, null), DeploymentFinished.Kind.DEPLOYED,
                DeploymentFinished.Status.SUCCEEDED, "argocd", "eu-1", at, at));
    }

    /**
     * The repository's artifacts as Harbor lists them {@code with_tag} and {@code with_accessory}: the swagger's
     * {@code Artifact} and {@code Accessory} definitions, cosign signatures as {@code signature.cosign}.
     */
    private String artifacts() {
        return "[" + artifact(CURRENT, "1.4.0", 30, CURRENT_SIGNATURE) + "," + artifact(lost, null, 30, lostSignature)
                + "," + artifact(FRESH, null, 2, null) + "]";
    }

    private String artifact(String digest, String tag, int pushedDaysAgo, String signature) {
        String pushed = now.minus(Duration.ofDays(pushedDaysAgo)).toString();
        return """
                {"id": %d, "type": "IMAGE", "media_type": "application/vnd.oci.image.config.v1+json",
                 "manifest_media_type": "application/vnd.oci.image.manifest.v1+json", "project_id": 1,
                 "repository_id": 1, "digest": "%s", "size": 31457280, "push_time": "%s",
                 "tags": [%s], "accessories": [%s]}""".formatted(Math.abs(digest.hashCode()), digest, pushed,
                tag == null ? "" : "{\"name\": \"" + tag + "\", \"immutable\": false, \"push_time\": \"" + pushed
                        + "\"}",
                signature == null ? "" : """
                        {"id": %d, "artifact_id": %d, "subject_artifact_digest": "%s", "subject_artifact_repo": "%s",
                         "size": 1187, "digest": "%s", "type": "signature.cosign", "creation_time": "%s"}"""
                        .formatted(Math.abs(signature.hashCode()), Math.abs(signature.hashCode()), digest,
                                project + "/app", signature, pushed));
    }
}

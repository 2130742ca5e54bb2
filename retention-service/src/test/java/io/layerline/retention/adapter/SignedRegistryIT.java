package io.layerline.retention.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.v1.DeploymentFinished;
import io.layerline.contracts.v1.ImagePromoted;
import io.layerline.contracts.v1.ImageRef;
import io.layerline.registry.RegistryClient;
import io.layerline.testing.EventStream;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.RawApi;
import io.layerline.testing.SecuredRegistries;
import io.layerline.testing.SupplyChainImages.Pushed;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A signing company's registry, behind htpasswd over HTTPS: five images of one repository sharing an 8 MiB base and a
 * 2 MiB dependency layer (64 KiB of their own each), cosign signatures and an attestation in cosign's tag scheme, an
 * OCI 1.1 SBOM with its {@code sha256-<hex>} referrers index, and two multi-arch indexes with untagged platform
 * manifests, one of them shared. After reconciling, planning with the 2/10/10 rules (no grace period) and applying,
 * the registry holds exactly what is kept with every signature, attestation, SBOM and child, the deleted images'
 * referrers are gone with them, and the bytes the plan promised are those of the blobs no kept manifest names.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedRegistryIT implements TestPropertyProvider {

    private static final int MIB = 1 << 20;

    @Inject
    EmbeddedServer server;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String app = "signed-" + run + "/app";
    private SecuredRegistries.SecuredRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        registry = SecuredRegistries.basic(Infrastructure.workDir().resolve("signed-registry-" + run));
        return RetentionPlans.pruning(registry);
    }

    @AfterAll
    void stopRegistry() throws Exception {
        registry.close();
    }

    @Test
    void keepsWhatIsKeptWithEverythingThatBelongsToItAndFreesOnlyBlobsNoKeptManifestNames() throws Exception {
        RegistryClient client = new RegistryClient(registry.access());
        SupplyChainImages push = new SupplyChainImages(client);
        byte[] base = SupplyChainImages.layer(8 * MIB, 1);
        byte[] dependencies = SupplyChainImages.layer(2 * MIB, 2);
        List<Pushed> versions = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            versions.add(push.image(app, "v" + i, "amd64",
                    List.of(base, dependencies, SupplyChainImages.layer(64 * 1024, 10 + i))));
        }
        Pushed prod = versions.get(4);
        Pushed prodTest = versions.get(3);
        Pushed prodSignature = push.cosignSignature(app, prod);
        Pushed prodAttestation = push.cosignAttestation(app, prod);
        List<Pushed> prodSbom = push.sbom(app, prod);
        Pushed oldSignature = push.cosignSignature(app, versions.get(0));
        Pushed sharedArm = push.image(app, null, "arm64", List.of(base, SupplyChainImages.layer(64 * 1024, 30)));
        Pushed oldAmd = push.image(app, null, "amd64", List.of(base, SupplyChainImages.layer(64 * 1024, 31)));
        Pushed newAmd = push.image(app, null, "amd64", List.of(base, SupplyChainImages.layer(64 * 1024, 32)));
        Pushed oldIndex = push.index(app, "multi-old", List.of(oldAmd, sharedArm), List.of("amd64", "arm64"));
        Pushed newIndex = push.index(app, "multi", List.of(newAmd, sharedArm), List.of("amd64", "arm64"));
        Pushed indexSignature = push.cosignSignature(app, newIndex);

        List<Pushed> kept = new ArrayList<>(List.of(prod, prodTest, prodSignature, prodAttestation, sharedArm, newAmd,
                newIndex, indexSignature));
        kept.addAll(prodSbom);
        List<Pushed> deleted = List.of(versions.get(0), versions.get(1), versions.get(2), oldSignature, oldAmd,
                oldIndex);

        RawApi api = new RawApi(server.getURI());
        Instant now = Instant.now();
        try (EventStream events = EventStream.onTestBroker()) {
            deploy(events, prod, "v5", "prod", "prod", now);
            deploy(events, prodTest, "v4", "prod_test", "maybe_prod", now);
            deploy(events, newIndex, "multi", "dev", null, now);
        }
        assertThat(api.sendJson("POST", "/api/v1/retention/policies", """
                {"id": "signed-%s", "registry": "**", "repository": "%s", "priority": 900,
                 "rules": [{"type": "keepNewestUsed", "label": "unlabelled", "count": 2},
                           {"type": "keepNewestUsed", "label": "maybe_prod", "count": 10},
                           {"type": "keepNewestUsed", "label": "prod", "count": 10}]}""".formatted(run, app))
                .status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<String, JsonNode> decisions = RetentionPlans.decisions(api, app);
            return Stream.of(prod, prodTest, newIndex).allMatch(image -> decisions.containsKey(image.digest())
                    && decisions.get(image.digest()).path("reasons").asText().contains("running in"));
        });
        JsonNode reconciled = RetentionPlans.JSON.readTree(api.sendJson("POST",
                "/api/v1/retention/reconciliations", null).body());
        assertThat(reconciled.path("seen").asInt()).isEqualTo(kept.size() + deleted.size());

        JsonNode plan = RetentionPlans.JSON.readTree(api.sendJson("POST", "/api/v1/retention/plans", null)
                .body());
        String id = plan.path("id").asText();
        Map<String, JsonNode> items = new LinkedHashMap<>();
        RetentionPlans.JSON.readTree(api.sendJson("GET", "/api/v1/retention/plans/" + id
                + "/items?limit=1000", null).body()).forEach(item -> {
            if (item.path("repository").asText().equals(app)) {
                items.put(item.path("digest").asText(), item);
            }
        });
        assertThat(digestsWith(items, "DELETE")).containsExactlyInAnyOrderElementsOf(digests(deleted));
        assertThat(digestsWith(items, "KEEP")).containsExactlyInAnyOrderElementsOf(digests(kept));
        assertThat(items.get(prodSignature.digest()).path("kind").asText()).isEqualTo("signature");
        assertThat(items.get(prodAttestation.digest()).path("kind").asText()).isEqualTo("attestation");
        assertThat(items.get(prodSbom.get(0).digest()).path("kind").asText()).isEqualTo("sbom");
        assertThat(items.get(oldIndex.digest()).path("kind").asText()).isEqualTo("index");
        assertThat(items.get(oldIndex.digest()).path("size").asLong()).isEqualTo(blobBytes(List.of(oldAmd, sharedArm)));
        assertThat(items.get(oldSignature.digest()).path("reasons").asText()).contains("deleted with it");
        assertThat(items.get(versions.get(0).digest()).path("policy").path("id").asText()).isEqualTo("signed-" + run);

        long freed = freedBytes(kept, deleted);
        // the own 64 KiB layers of v1-v3 and of the old amd64 manifest, their configs and the old signature's
        // blobs: the 10 MiB of shared layers stay, named by kept images
        assertThat(freed).isBetween(4L * 64 * 1024, 4L * 64 * 1024 + 16 * 1024);
        assertThat(plan.path("bytesToReclaim").asLong()).isEqualTo(freed);
        assertThat(items.values().stream().filter(item -> item.path("action").asText().equals("DELETE"))
                .mapToLong(item -> item.path("ownBytes").asLong()).sum()).isEqualTo(freed);

        assertThat(api.sendJson("POST", "/api/v1/retention/plans/" + id + "/apply", null).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() ->  RetentionPlans.JSON.readTree(api.sendJson(
                "GET", "/api/v1/retention/plans/" + id, null).body()).path("state").asText().equals("APPLIED"));

        for (Pushed artifact : kept) {
            assertThat(client.manifest(app, artifact.digest())).as("kept %s", artifact.digest()).isPresent();
        }
        for (Pushed artifact : deleted) {
            assertThat(client.manifest(app, artifact.digest())).as("deleted %s", artifact.digest()).isEmpty();
        }
        assertThat(client.tags(app)).containsExactlyInAnyOrder("v4", "v5", "multi",
                RegistryClient.referrersTag(prod.digest()) + ".sig", RegistryClient.referrersTag(prod.digest()) + ".att",
                RegistryClient.referrersTag(prod.digest()), RegistryClient.referrersTag(newIndex.digest()) + ".sig");
        try (EventStream events = EventStream.onTestBroker()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> events.events(EventTypes.RETENTION_RUN_FINISHED)
                    .stream().anyMatch(finished -> finished.planId().equals(id)
                            && finished.deleted() == deleted.size() && finished.reclaimedBytes() == freed));
        }
        assertThat(RetentionPlans.JSON.readTree(api.sendJson("POST", "/api/v1/retention/plans", null)
                .body()).path("toDelete").asInt()).isZero();
    }

    private void deploy(EventStream events, Pushed image, String tag, String environment, String label,
                        Instant at) {
        ImageRef ref = new ImageRef(registry.host(), app, image.digest(), tag);
        events.publish(new DeploymentFinished("d-" + run + "-" + tag, "svc-" + run + "-" + tag, environment, ref,
                DeploymentFinished.Kind.DEPLOYED, DeploymentFinished.Status.SUCCEEDED, "argocd", "eu-1", at, at));
        if (label != null) {
            events.publish(new ImagePromoted(ref, label, environment, "d-" + run + "-" + tag, at));
        }
    }

    /** The bytes of the blobs the deleted manifests name and no kept manifest does: computed from the pushes. */
    private static long freedBytes(List<Pushed> kept, List<Pushed> deleted) {
        Set<String> keptBlobs = kept.stream().flatMap(pushed -> pushed.blobs().keySet().stream())
                .collect(Collectors.toSet());
        Map<String, Long> freed = new HashMap<>();
        deleted.forEach(pushed -> pushed.blobs().forEach((digest, size) -> {
            if (!keptBlobs.contains(digest)) {
                freed.put(digest, size);
            }
        }));
        return freed.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long blobBytes(List<Pushed> manifests) {
        Map<String, Long> blobs = new HashMap<>();
        manifests.forEach(pushed -> blobs.putAll(pushed.blobs()));
        return blobs.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Set<String> digests(List<Pushed> manifests) {
        return manifests.stream().map(Pushed::digest).collect(Collectors.toCollection(HashSet::new));
    }

    private static Set<String> digestsWith(Map<String, JsonNode> items, String action) {
        return items.values().stream().filter(item -> item.path("action").asText().equals(action))
                .map(item -> item.path("digest").asText()).collect(Collectors.toSet());
    }
}

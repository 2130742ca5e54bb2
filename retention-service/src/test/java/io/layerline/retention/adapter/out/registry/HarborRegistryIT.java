package io.layerline.retention.adapter.out.registry;

import io.layerline.registry.Credentials;
import io.layerline.registry.RegistryAccess;
import io.layerline.retention.application.port.RegistryArtifacts;
import io.layerline.retention.application.port.RegistryCatalog;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.ArtifactKind;
import io.layerline.retention.domain.inventory.Structure;
import io.layerline.testing.HarborStub;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deleting through Harbor, against a stub that validates every exchange against Harbor's v2.0 API description. */
class HarborRegistryIT {

    private static final String DIGEST = "sha256:" + "d3".repeat(32);

    @Test
    void deletesByDigestWithTheRepositoryEncodedTwiceAndTakesAMissingArtifactAsGone() throws Exception {
        try (HarborStub harbor = HarborStub.start()
                .on("DELETE", "/projects/team/repositories/sub%252Fapp/artifacts/" + DIGEST,
                        exchange -> HarborStub.Answer.empty(200))
                .on("DELETE", "/projects/team/repositories/gone/artifacts/" + DIGEST, exchange ->
                        HarborStub.Answer.json(404, "{\"errors\": [{\"code\": \"NOT_FOUND\", \"message\": \"no\"}]}"))) {
            HarborRegistry registry = new HarborRegistry(new RegistryAccess(harbor.url(),
                    Credentials.basic("robot$retention", "s3cret"), Optional.empty(), Duration.ofSeconds(30)));

            assertThat(registry.delete(new ArtifactId(harbor.host(), "team/sub/app", DIGEST))).isTrue();
            assertThat(registry.delete(new ArtifactId(harbor.host(), "team/gone", DIGEST))).isFalse();

            assertThat(harbor.violations()).isEmpty();
            assertThat(harbor.received().get(0).headers().get("Authorization")).isNotEmpty();
        }
    }

    @Test
    void listsEveryRepositoryAcrossPagesAndItsArtifactsWithTagsAndImmutability() throws Exception {
        StringBuilder firstPage = new StringBuilder("[");
        StringBuilder secondPage = new StringBuilder("[");
        for (int i = 0; i < 150; i++) {
            StringBuilder page = i < 100 ? firstPage : secondPage;
            page.append(page.length() > 1 ? "," : "").append("{\"name\": \"team/repo-").append(i).append("\"}");
        }
        String first = firstPage.append("]").toString();
        String second = secondPage.append("]").toString();
        try (HarborStub harbor = HarborStub.start()
                .on("GET", "/projects", exchange -> HarborStub.Answer.json(200, "[{\"name\": \"team\", \"project_id\": 1}]"))
                .on("GET", "/projects/team/repositories", exchange -> HarborStub.Answer.json(200,
                        "1".equals(exchange.query().get("page")) ? first : second))
                .on("GET", "/projects/team/repositories/sub%252Fapp/artifacts", exchange -> HarborStub.Answer.json(200,
                        "[{\"digest\": \"" + DIGEST + "\", \"size\": 1234, \"tags\": [{\"name\": \"1.0\", "
                                + "\"immutable\": true}, {\"name\": \"latest\", \"immutable\": false}]}]"))) {
            HarborRegistry registry = new HarborRegistry(RegistryAccess.anonymous(harbor.url()));

            assertThat(registry.repositories()).hasSize(150).contains("team/repo-0", "team/repo-149");
            assertThat(registry.artifacts("team/sub/app")).containsExactly(
                    new RegistryCatalog.Listed(DIGEST, Set.of("1.0", "latest"), 1234,
                            new Structure(ArtifactKind.IMAGE, Optional.empty(), Optional.empty(), Set.of(), Map.of(),
                                    false), true, Optional.empty()));
            assertThat(harbor.received()).allSatisfy(exchange -> {
                if (exchange.path().endsWith("/artifacts")) {
                    assertThat(exchange.query()).containsEntry("with_accessory", "true");
                }
            });
            assertThat(harbor.violations()).isEmpty();
        }
    }

    /**
     * An artifact list as Harbor answers {@code with_accessory=true}: the shapes of the {@code Artifact},
     * {@code Accessory} and {@code Reference} definitions of Harbor's swagger ({@code conformance/harbor}), the
     * accessory types Harbor's {@code src/pkg/accessory/model} names ({@code signature.cosign}), an index whose
     * {@code references} name its platform manifests.
     */
    @Test
    void readsAccessoriesAsReferrersOfTheirSubjectAndAnIndexsReferencesAsItsChildren() throws Exception {
        String signature = "sha256:" + "5a".repeat(32);
        String index = "sha256:" + "1d".repeat(32);
        String amd64 = "sha256:" + "a6".repeat(32);
        String arm64 = "sha256:" + "a7".repeat(32);
        String body = """
                [{"id": 11, "type": "IMAGE", "media_type": "application/vnd.oci.image.config.v1+json",
                  "manifest_media_type": "application/vnd.oci.image.manifest.v1+json", "project_id": 2,
                  "repository_id": 3, "digest": "%s", "size": 3145728,
                  "push_time": "2026-11-30T10:00:00.000Z", "pull_time": "0001-01-01T00:00:00.000Z",
                  "tags": [{"id": 7, "repository_id": 3, "artifact_id": 11, "name": "1.4.0",
                            "push_time": "2026-11-30T10:00:00.000Z", "immutable": false}],
                  "accessories": [{"id": 1, "artifact_id": 12, "subject_artifact_id": 11,
                                   "subject_artifact_digest": "%s", "subject_artifact_repo": "team/app",
                                   "size": 1187, "digest": "%s", "type": "signature.cosign",
                                   "icon": "sha256:0048", "creation_time": "2026-11-30T10:01:00.000Z"}]},
                 {"id": 13, "type": "IMAGE", "media_type": "application/vnd.oci.image.index.v1+json",
                  "manifest_media_type": "application/vnd.oci.image.index.v1+json", "project_id": 2,
                  "repository_id": 3, "digest": "%s", "size": 6291456,
                  "tags": [{"id": 8, "repository_id": 3, "artifact_id": 13, "name": "multi",
                            "immutable": false}],
                  "references": [{"parent_id": 13, "child_id": 14, "child_digest": "%s",
                                  "platform": {"os": "linux", "architecture": "amd64"}},
                                 {"parent_id": 13, "child_id": 15, "child_digest": "%s",
                                  "platform": {"os": "linux", "architecture": "arm64"}}],
                  "accessories": []}]""".formatted(DIGEST, DIGEST, signature, index, amd64, arm64);
        try (HarborStub harbor = HarborStub.start()
                .on("GET", "/projects/team/repositories/app/artifacts", exchange -> HarborStub.Answer.json(200,
                        body))) {
            HarborRegistry registry = new HarborRegistry(RegistryAccess.anonymous(harbor.url()));

            Map<String, RegistryCatalog.Listed> listed = new java.util.HashMap<>();
            registry.artifacts("team/app").forEach(artifact -> listed.put(artifact.digest(), artifact));

            assertThat(listed).containsOnlyKeys(DIGEST, signature, index, amd64, arm64);
            assertThat(listed.get(signature).structure().kind()).isEqualTo(ArtifactKind.SIGNATURE);
            assertThat(listed.get(signature).structure().subject()).contains(DIGEST);
            assertThat(listed.get(signature).size()).isEqualTo(1187);
            assertThat(listed.get(index).structure().kind()).isEqualTo(ArtifactKind.INDEX);
            assertThat(listed.get(index).structure().children()).containsExactlyInAnyOrder(amd64, arm64);
            assertThat(listed.get(amd64).tags()).isEmpty();
            assertThat(harbor.violations()).isEmpty();
        }
    }

    @Test
    void aRefusalIsAFailureToRetryNotASilentSuccess() {
        try (HarborStub harbor = HarborStub.start()
                .on("DELETE", "/projects/team/repositories/app/artifacts/" + DIGEST, exchange ->
                        HarborStub.Answer.json(403, "{\"errors\": [{\"code\": \"FORBIDDEN\", \"message\": \"immutable\"}]}"))) {
            HarborRegistry registry = new HarborRegistry(RegistryAccess.anonymous(harbor.url()));

            assertThatThrownBy(() -> registry.delete(new ArtifactId(harbor.host(), "team/app", DIGEST)))
                    .isInstanceOf(RegistryArtifacts.RegistryException.class).hasMessageContaining("403");
            assertThat(harbor.violations()).isEmpty();
        }
    }
}

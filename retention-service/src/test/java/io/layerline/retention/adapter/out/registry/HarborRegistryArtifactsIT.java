package io.layerline.retention.adapter.out.registry;

import io.layerline.retention.application.RegistryArtifacts;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.testing.HarborStub;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deleting through Harbor, against a stub that validates every exchange against Harbor's v2.0 API description. */
class HarborRegistryArtifactsIT {

    private static final String DIGEST = "sha256:" + "d3".repeat(32);

    @Test
    void deletesByDigestWithTheRepositoryEncodedTwiceAndTakesAMissingArtifactAsGone() throws Exception {
        try (HarborStub harbor = HarborStub.start()
                .on("DELETE", "/projects/team/repositories/sub%252Fapp/artifacts/" + DIGEST,
                        exchange -> HarborStub.Answer.empty(200))
                .on("DELETE", "/projects/team/repositories/gone/artifacts/" + DIGEST, exchange ->
                        HarborStub.Answer.json(404, "{\"errors\": [{\"code\": \"NOT_FOUND\", \"message\": \"no\"}]}"))) {
            HarborRegistryArtifacts registry = new HarborRegistryArtifacts(harbor.url(), "robot$retention", "s3cret");

            assertThat(registry.delete(new ArtifactId(harbor.host(), "team/sub/app", DIGEST))).isTrue();
            assertThat(registry.delete(new ArtifactId(harbor.host(), "team/gone", DIGEST))).isFalse();

            assertThat(harbor.violations()).isEmpty();
            assertThat(harbor.received().get(0).headers().get("Authorization")).isNotEmpty();
        }
    }

    @Test
    void aRefusalIsAFailureToRetryNotASilentSuccess() {
        try (HarborStub harbor = HarborStub.start()
                .on("DELETE", "/projects/team/repositories/app/artifacts/" + DIGEST, exchange ->
                        HarborStub.Answer.json(403, "{\"errors\": [{\"code\": \"FORBIDDEN\", \"message\": \"immutable\"}]}"))) {
            HarborRegistryArtifacts registry = new HarborRegistryArtifacts(harbor.url(), null, null);

            assertThatThrownBy(() -> registry.delete(new ArtifactId(harbor.host(), "team/app", DIGEST)))
                    .isInstanceOf(RegistryArtifacts.RegistryException.class).hasMessageContaining("403");
            assertThat(harbor.violations()).isEmpty();
        }
    }
}

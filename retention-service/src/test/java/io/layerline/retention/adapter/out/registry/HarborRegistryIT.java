package io.layerline.retention.adapter.out.registry;

import io.layerline.retention.application.RegistryArtifacts;
import io.layerline.retention.application.RegistryCatalog;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.testing.HarborStub;
import org.junit.jupiter.api.Test;

import java.time.Duration;

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
            HarborRegistry registry = new HarborRegistry(harbor.url(), "robot$retention", "s3cret",
                    Duration.ofSeconds(30));

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
            HarborRegistry registry = new HarborRegistry(harbor.url(), null, null, Duration.ofSeconds(30));

            assertThat(registry.repositories()).hasSize(150).contains("team/repo-0", "team/repo-149");
            assertThat(registry.artifacts("team/sub/app")).containsExactly(
                    new RegistryCatalog.Listed(DIGEST, java.util.Set.of("1.0", "latest"), 1234, true));
            assertThat(harbor.violations()).isEmpty();
        }
    }

    @Test
    void aRefusalIsAFailureToRetryNotASilentSuccess() {
        try (HarborStub harbor = HarborStub.start()
                .on("DELETE", "/projects/team/repositories/app/artifacts/" + DIGEST, exchange ->
                        HarborStub.Answer.json(403, "{\"errors\": [{\"code\": \"FORBIDDEN\", \"message\": \"immutable\"}]}"))) {
            HarborRegistry registry = new HarborRegistry(harbor.url(), null, null, Duration.ofSeconds(30));

            assertThatThrownBy(() -> registry.delete(new ArtifactId(harbor.host(), "team/app", DIGEST)))
                    .isInstanceOf(RegistryArtifacts.RegistryException.class).hasMessageContaining("403");
            assertThat(harbor.violations()).isEmpty();
        }
    }
}

package io.layerline.promotion.adapter.out.registry;

import io.layerline.promotion.application.port.RegistryLabels;
import io.layerline.promotion.domain.deployment.ImageCoordinates;
import io.layerline.testing.HarborStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Harbor adapter against a stub that holds every exchange to Harbor's v2.0 API description. */
class HarborLabelsIT {

    private static final String DIGEST = "sha256:" + "5e".repeat(32);

    private HarborStub harbor;

    @AfterEach
    void noExchangeBrokeHarborsApi() {
        assertThat(harbor.violations()).isEmpty();
        harbor.close();
    }

    @Test
    void createsAMissingGlobalLabelOnceAndAttachesItByDigestWithTheRepositoryEncodedTwice() throws Exception {
        AtomicBoolean created = new AtomicBoolean();
        AtomicInteger creations = new AtomicInteger();
        harbor = HarborStub.start()
                .on("GET", "/labels", exchange -> HarborStub.Answer.json(200, created.get()
                        ? "[{\"id\": 42, \"name\": \"prod\", \"scope\": \"g\"}]" : "[]"))
                .on("POST", "/labels", exchange -> {
                    created.set(true);
                    creations.incrementAndGet();
                    return HarborStub.Answer.empty(201);
                })
                .on("POST", "/projects/([^/]+)/repositories/([^/]+)/artifacts/([^/]+)/labels",
                        exchange -> HarborStub.Answer.empty(200));
        HarborLabels labels = new HarborLabels(configuration(false));

        labels.apply(image("team/sub/app"), "prod");
        labels.apply(image("team/other"), "prod");

        assertThat(creations).hasValue(1);
        List<HarborStub.Exchange> attached = harbor.received().stream()
                .filter(exchange -> exchange.rawPath().endsWith("/labels") && exchange.method().equals("POST")
                        && exchange.rawPath().startsWith("/projects")).toList();
        assertThat(attached).extracting(HarborStub.Exchange::rawPath).containsExactly(
                "/projects/team/repositories/sub%252Fapp/artifacts/" + DIGEST + "/labels",
                "/projects/team/repositories/other/artifacts/" + DIGEST + "/labels");
        assertThat(attached.get(0).body()).isEqualTo("{\"id\":42}");
        assertThat(attached.get(0).headers().get("Authorization")).containsExactly("Basic cm9ib3QkY2k6czNjcmV0");
        var creation = harbor.received().stream().filter(e -> e.rawPath().equals("/labels")
                && e.method().equals("POST")).findFirst().orElseThrow();
        assertThat(creation.body()).contains("\"name\":\"prod\"", "\"scope\":\"g\"", "\"color\":\"#2E7D32\"");
    }

    @Test
    void anArtifactThatCarriesTheLabelAlreadyCountsAsLabelled() throws Exception {
        harbor = HarborStub.start()
                .on("GET", "/labels", exchange -> HarborStub.Answer.json(200, "[{\"id\": 7, \"name\": \"maybe_prod\"}]"))
                .on("POST", "/projects/([^/]+)/repositories/([^/]+)/artifacts/([^/]+)/labels",
                        exchange -> HarborStub.Answer.json(409,
                                "{\"errors\": [{\"code\": \"CONFLICT\", \"message\": \"already added\"}]}"));

        new HarborLabels(configuration(false)).apply(image("team/app"), "maybe_prod");

        assertThat(harbor.received()).hasSize(2);
    }

    @Test
    void projectScopedLabelsAreLookedUpAndCreatedInTheImagesProject() throws Exception {
        AtomicBoolean created = new AtomicBoolean();
        harbor = HarborStub.start()
                .on("GET", "/projects/payments", exchange -> HarborStub.Answer.json(200,
                        "{\"project_id\": 3, \"name\": \"payments\"}"))
                .on("GET", "/labels", exchange -> HarborStub.Answer.json(200, created.get()
                        && "p".equals(exchange.query().get("scope")) && "3".equals(exchange.query().get("project_id"))
                        ? "[{\"id\": 9, \"name\": \"prod\", \"scope\": \"p\", \"project_id\": 3}]" : "[]"))
                .on("POST", "/labels", exchange -> {
                    created.set(exchange.body().contains("\"project_id\":3"));
                    return HarborStub.Answer.empty(201);
                })
                .on("POST", "/projects/payments/repositories/api/artifacts/([^/]+)/labels",
                        exchange -> HarborStub.Answer.empty(200));

        new HarborLabels(configuration(true)).apply(image("payments/api"), "prod");

        assertThat(harbor.received().get(harbor.received().size() - 1).body()).isEqualTo("{\"id\":9}");
        assertThat(harbor.received().get(0).headers().get("X-is-resource-name")).containsExactly("true");
    }

    @Test
    void aHarborThatFailsLeavesTheLabelToBeTriedAgain() {
        harbor = HarborStub.start()
                .on("GET", "/labels", exchange -> HarborStub.Answer.json(500,
                        "{\"errors\": [{\"code\": \"INTERNAL\", \"message\": \"database down\"}]}"));
        HarborLabels labels = new HarborLabels(configuration(false));

        assertThatThrownBy(() -> labels.apply(image("team/app"), "prod"))
                .isInstanceOf(RegistryLabels.RegistryLabelException.class)
                .hasMessageContaining("500").hasMessageContaining("database down");
        assertThat(labels.handles(harbor.host())).isTrue();
        assertThat(labels.handles("docker.io")).isFalse();
    }

    private HarborConfiguration configuration(boolean projectScope) {
        return new HarborConfiguration(harbor.url(), "robot$ci", "s3cret", projectScope, "#2E7D32",
                "Promoted by Layerline", null);
    }

    private ImageCoordinates image(String repository) {
        return new ImageCoordinates(harbor.host(), repository, DIGEST, Optional.empty());
    }
}

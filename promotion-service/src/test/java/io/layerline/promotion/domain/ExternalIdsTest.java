package io.layerline.promotion.domain;

import io.layerline.promotion.domain.deployment.DeploymentReport;
import io.layerline.promotion.domain.deployment.ExternalIds;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ids real deployers send become names: cdviz's ArgoCD transformer ({@code argocd/podinfo},
 * {@code https://kubernetes.default.svc}), its kubewatch transformer ({@code cluster/A-dev}), the cdevents Java SDK's
 * tests ({@code /dev/service/run/subject}, {@code dev/environment/run/subject}).
 */
class ExternalIdsTest {

    @Test
    void namesStayAndPathsKeepWhatToldThemApart() {
        assertThat(ExternalIds.serviceName("checkout-api")).isEqualTo("checkout-api");
        assertThat(ExternalIds.serviceName("argocd/podinfo")).isEqualTo("argocd.podinfo");
        assertThat(ExternalIds.serviceName("/argocd/podinfo")).isEqualTo("argocd.podinfo");
        assertThat(ExternalIds.serviceName("/dev/service/run/subject")).isEqualTo("dev.service.run.subject");
        assertThat(ExternalIds.environmentName("prod_test", Map.of())).isEqualTo("prod_test");
        assertThat(ExternalIds.environmentName("Prod", Map.of())).isEqualTo("prod");
        assertThat(ExternalIds.environmentName("https://kubernetes.default.svc", Map.of()))
                .isEqualTo("https-kubernetes-default-svc");
        assertThat(ExternalIds.environmentName("cluster/A-dev", Map.of())).isEqualTo("cluster-a-dev");
        assertThat(ExternalIds.environmentName("https://prod.k8s.example.com",
                Map.of("https://prod.k8s.example.com", "prod"))).isEqualTo("prod");
    }

    /** Any id with a letter or digit in it becomes a name the ledger takes. */
    @Property(tries = 500)
    void everyIdWithALetterOrDigitBecomesAValidName(@ForAll @StringLength(min = 1, max = 300)
                                                     @CharRange(from = ' ', to = '~') @Chars({'é', 'İ', 'Ω', '\t'})
                                                     String id) {
        Assume.that(id.matches("(?s).*[A-Za-z0-9].*"));
        DeploymentReport report = new DeploymentReport("cdevent#1", ExternalIds.serviceName(id),
                ExternalIds.environmentName(id, Map.of()), "harbor.example.com", "team/app",
                "sha256:" + "a".repeat(64), null, "DEPLOYED", "SUCCEEDED", null, null, null,
                Instant.parse("2026-11-25T10:00:00Z"));

        assertThat(report.validate()).as("names of %s", id).isEmpty();
    }
}

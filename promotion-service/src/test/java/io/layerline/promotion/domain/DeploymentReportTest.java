package io.layerline.promotion.domain;

import io.layerline.promotion.domain.deployment.Deployment;
import io.layerline.promotion.domain.deployment.DeploymentReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentReportTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final Instant FINISHED = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aCompleteReportBecomesADeployment() {
        DeploymentReport report = new DeploymentReport("argo-1", "checkout-api", "prod_test", "harbor.example.com",
                "payments/checkout-api", DIGEST, "1.4.2", null, "succeeded", "argocd", "eu-1", null, FINISHED);

        DeploymentReport.Checked checked = report.check();
        assertThat(checked.errors()).isEmpty();
        Deployment deployment = checked.deployment().orElseThrow();
        assertThat(deployment.kind()).isEqualTo(Deployment.Kind.DEPLOYED);
        assertThat(deployment.status()).isEqualTo(Deployment.Status.SUCCEEDED);
        assertThat(deployment.image().project()).isEqualTo("payments");
    }

    @Test
    void saysEveryWrongFieldAtOnce() {
        DeploymentReport report = new DeploymentReport(" ", "checkout api", "PROD", "harbor.example.com",
                "Payments/App", "latest", "bad tag", "SIDEWAYS", "maybe", null, null,
                FINISHED.plusSeconds(1), FINISHED);

        assertThat(report.validate()).extracting(DeploymentReport.FieldError::field).containsExactly(
                "externalId", "service", "environment", "image.repository", "image.digest", "image.tag", "kind",
                "status", "startedAt");
        assertThat(report.check().deployment()).isEmpty();
        assertThat(report.check().errors()).isEqualTo(report.validate());
    }

    @Test
    void aMissingDigestOrEndTimeIsNamed() {
        DeploymentReport report = new DeploymentReport("id", "svc", "prod", "harbor.example.com", "team/app", null,
                null, null, "SUCCEEDED", null, null, null, null);

        assertThat(report.validate()).extracting(DeploymentReport.FieldError::field)
                .containsExactly("image.digest", "finishedAt");
        assertThat(report.validate().get(0).message()).contains("sha256:");
    }

    @Test
    void refusesNamesLongerThanTheEventsCarry() {
        String longHost = "x".repeat(256);
        String longPath = "team/" + "a".repeat(251);
        DeploymentReport report = new DeploymentReport("id", "svc", "prod", longHost, longPath, DIGEST,
                null, null, "SUCCEEDED", null, null, null, FINISHED);

        assertThat(report.validate()).extracting(DeploymentReport.FieldError::field)
                .containsExactly("image.registry", "image.repository");
        assertThat(report.validate().get(0).message()).contains("at most 255");
    }

    @Test
    void refusesTimesAnEventCannotWrite() {
        DeploymentReport late = new DeploymentReport("id", "svc", "prod", "harbor.example.com", "team/app", DIGEST,
                null, null, "SUCCEEDED", null, null, null, Instant.parse("+10000-01-01T00:00:00Z"));
        DeploymentReport early = new DeploymentReport("id", "svc", "prod", "harbor.example.com", "team/app", DIGEST,
                null, null, "SUCCEEDED", null, null, Instant.parse("-0001-01-01T00:00:00Z"), FINISHED);

        assertThat(late.validate()).extracting(DeploymentReport.FieldError::field).containsExactly("finishedAt");
        assertThat(early.validate()).extracting(DeploymentReport.FieldError::field).containsExactly("startedAt");
    }
}

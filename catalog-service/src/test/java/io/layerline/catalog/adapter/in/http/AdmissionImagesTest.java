package io.layerline.catalog.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The images of the objects the API server sends, each with where it sits in the object. */
class AdmissionImagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPodsContainersAndInitContainers() throws IOException {
        JsonNode pod = fixture("pod-create.json").path("request").path("object");

        assertThat(AdmissionImages.of("Pod", pod)).containsExactly(
                new AdmissionImages.ContainerImage("spec.containers[0]", "APP"),
                new AdmissionImages.ContainerImage("spec.initContainers[0]", "INIT"));
    }

    @Test
    void aDeploymentsPodTemplate() throws IOException {
        JsonNode deployment = fixture("deployment-update.json").path("request").path("object");

        assertThat(AdmissionImages.of("Deployment", deployment)).containsExactly(
                new AdmissionImages.ContainerImage("spec.template.spec.containers[0]", "APP"));
    }

    @Test
    void aCronJobsJobTemplateAndEphemeralContainers() throws IOException {
        JsonNode cronJob = JSON.readTree("""
                {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "report"},
                 "spec": {"schedule": "0 3 * * *", "jobTemplate": {"spec": {"template": {"spec": {
                   "containers": [{"name": "report", "image": "harbor.example.com/data/report:2"}],
                   "ephemeralContainers": [{"name": "debug", "image": "harbor.example.com/tools/debug:1"}],
                   "restartPolicy": "OnFailure"}}}}}}""");

        assertThat(AdmissionImages.of("CronJob", cronJob)).containsExactly(
                new AdmissionImages.ContainerImage("spec.jobTemplate.spec.template.spec.containers[0]",
                        "harbor.example.com/data/report:2"),
                new AdmissionImages.ContainerImage("spec.jobTemplate.spec.template.spec.ephemeralContainers[0]",
                        "harbor.example.com/tools/debug:1"));
    }

    @Test
    void otherKindsAndMissingSpecsHaveNone() throws IOException {
        assertThat(AdmissionImages.checks("ConfigMap")).isFalse();
        assertThat(AdmissionImages.of("ConfigMap", JSON.readTree("{\"data\": {}}"))).isEmpty();
        assertThat(AdmissionImages.of("Pod", JSON.readTree("{\"metadata\": {}}"))).isEmpty();
        assertThat(AdmissionImages.of("Pod", null)).isEmpty();
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = AdmissionImagesTest.class.getResourceAsStream("/admission/" + name)) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${uid}", "1").replace("${initImage}", "INIT").replace("${image}", "APP"));
        }
    }
}

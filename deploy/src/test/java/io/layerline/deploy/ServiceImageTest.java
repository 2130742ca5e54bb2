package io.layerline.deploy;

import io.layerline.build.domain.dockerfile.DockerfileAnalysis;
import io.layerline.build.domain.dockerfile.DockerfileAnalyzer;
import io.layerline.build.domain.dockerfile.DockerfileRule;
import io.layerline.build.domain.dockerfile.Finding;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Our own services' image passes our own Dockerfile analysis, built the way the seeds recommend. */
class ServiceImageTest {

    private static final Path DOCKERFILE = Path.of("docker/Dockerfile");

    @Test
    void theServicesDockerfileHasNoFindingAboveInfo() throws Exception {
        DockerfileAnalysis analysis = analysis();

        assertThat(analysis.findings()).filteredOn(finding -> finding.severity() != Finding.Severity.INFO)
                .as("findings above info").isEmpty();
    }

    @Test
    void itIsMultiStageOnAPinnedJreWithDependenciesBelowTheApplication() throws Exception {
        DockerfileAnalysis analysis = analysis();
        String text = Files.readString(DOCKERFILE);

        assertThat(analysis.stages()).hasSize(2);
        assertThat(analysis.finalBase()).isEqualTo("eclipse-temurin:17.0.15_6-jre-jammy");
        assertThat(analysis.layerInstructions()).isEqualTo(2);
        assertThat(text.indexOf("/target/lib/")).as("dependencies are copied first")
                .isLessThan(text.indexOf(".jar /app/app.jar"));
        assertThat(text).contains("USER 10001", "ENTRYPOINT [\"java\"", "org.opencontainers.image.source",
                "org.opencontainers.image.revision", "org.opencontainers.image.created",
                "org.opencontainers.image.base.name", "org.opencontainers.image.base.digest");
    }

    private static DockerfileAnalysis analysis() throws Exception {
        return DockerfileAnalyzer.analyze(Files.readString(DOCKERFILE), Map.of("SERVICE", "catalog-service"),
                new DockerfileRule.Context("deploy/docker/Dockerfile", List.of()));
    }
}

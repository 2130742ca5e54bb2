package io.layerline.deploy;

import io.layerline.build.domain.dockerfile.Dockerfile;
import io.layerline.build.domain.dockerfile.DockerfileAnalysis;
import io.layerline.build.domain.dockerfile.DockerfileAnalyzer;
import io.layerline.build.domain.dockerfile.DockerfileRule;
import io.layerline.build.domain.dockerfile.Finding;
import io.layerline.build.domain.dockerfile.Stage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Our own services' image passes our own Dockerfile analysis, built the way the seeds recommend. */
class ServiceImageTest {

    private static final Path DOCKERFILE = Path.of("docker/Dockerfile");
    /**
     * The programs each image runs: the build-service clones git contexts with {@code git} ({@code GitCli}); the
     * console serves a page built at image build time, so no Node.js.
     */
    private static final Map<String, List<String>> PROGRAMS = Map.of("build-service", List.of("git"),
            "promotion-service", List.of(), "retention-service", List.of(), "catalog-service", List.of(),
            "console", List.of());
    private static final Pattern INSTALL = Pattern.compile(
            "apt-get install -y --no-install-recommends ([a-z0-9.+ -]+?)\\s*(?:&&|$)");

    @Test
    void theServicesDockerfileHasNoFindingAboveInfo() {
        for (String service : PROGRAMS.keySet()) {
            assertThat(analysis(service).findings()).filteredOn(finding -> finding.severity() != Finding.Severity.INFO)
                    .as("findings above info for " + service).isEmpty();
        }
    }

    @Test
    void itIsMultiStageOnAPinnedJreWithDependenciesBelowTheApplication() throws Exception {
        DockerfileAnalysis analysis = analysis("catalog-service");
        String text = Files.readString(DOCKERFILE);

        assertThat(analysis.stages()).filteredOn(DockerfileAnalysis.StageSummary::isFinal).singleElement()
                .satisfies(last -> assertThat(last.base()).isEqualTo("runtime-catalog-service"));
        assertThat(analysis.finalBase()).isEqualTo("eclipse-temurin:17.0.15_6-jre-jammy");
        assertThat(analysis.layerInstructions()).isEqualTo(2);
        assertThat(text.indexOf("/target/lib/")).as("dependencies are copied first")
                .isLessThan(text.indexOf(".jar /app/app.jar"));
        assertThat(text).contains("USER 10001", "ENTRYPOINT [\"java\"", "org.opencontainers.image.source",
                "org.opencontainers.image.revision", "org.opencontainers.image.created",
                "org.opencontainers.image.base.name", "org.opencontainers.image.base.digest");
    }

    /** What a service runs besides Java is in its image and only in its image. */
    @Test
    void eachServicesImageCarriesTheProgramsItRunsAndNoOther() throws Exception {
        PROGRAMS.forEach((service, needed) -> {
            Dockerfile dockerfile = Dockerfile.parse(text(), Map.of("SERVICE", service));
            List<String> installed = new ArrayList<>();
            for (Stage stage = dockerfile.finalStage().orElseThrow(); stage != null;
                 stage = stage.baseStage() < 0 ? null : dockerfile.stages().get(stage.baseStage())) {
                stage.instructions().stream().filter(instruction -> instruction.is("RUN"))
                        .map(instruction -> INSTALL.matcher(instruction.script()))
                        .forEach(install -> install.results().forEach(packages ->
                                installed.addAll(List.of(packages.group(1).strip().split("\\s+")))));
            }
            assertThat(dockerfile.finalBase()).as(service).contains("eclipse-temurin:17.0.15_6-jre-jammy");
            assertThat(installed).as(service + "'s image installs").containsExactlyElementsOf(needed);
        });
    }

    private static String text() {
        try {
            return Files.readString(DOCKERFILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DockerfileAnalysis analysis(String service) {
        return DockerfileAnalyzer.analyze(text(), Map.of("SERVICE", service),
                new DockerfileRule.Context("deploy/docker/Dockerfile", List.of()));
    }
}

package io.layerline.contracts.cdevents;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CdEventsTest {

    private static final String BUNDLE = "cdevents/0.5.1/";
    private final CdEvents cdEvents = new CdEvents(Set.of("dev.cdevents.service.deployed",
            "dev.cdevents.service.upgraded", "dev.cdevents.service.rolledback", "dev.cdevents.artifact.packaged",
            "dev.cdevents.artifact.published", "dev.cdevents.build.finished"));

    @Test
    void theSpecificationsOwnSamplesOfEveryAcceptedTypeValidate() throws Exception {
        for (String sample : List.of("service_deployed", "service_upgraded", "service_rolledback",
                "artifact_packaged", "artifact_published", "build_finished")) {
            CdEvent event = cdEvents.read(bundled("conformance/" + sample + ".json"));
            assertThat(event.kind()).isEqualTo("dev.cdevents." + sample.replace('_', '.'));
            assertThat(event.id()).isNotBlank();
        }
    }

    @Test
    void aServiceDeployedSampleNamesItsServiceEnvironmentAndArtifact() throws Exception {
        CdEvent event = cdEvents.read(bundled("conformance/service_deployed.json"));

        assertThat(event.subjectId()).isEqualTo("mySubject123");
        assertThat(event.content().path("environment").path("id").asText()).isEqualTo("test123");
        assertThat(OciPurl.parse(event.content().path("artifactId").asText()).repository()).isEqualTo("myapp");
    }

    @Test
    void aTypeThatIsNotAcceptedIsRefusedByName() throws Exception {
        assertThatThrownBy(() -> cdEvents.read(bundled("conformance/service_removed.json")))
                .isInstanceOf(InvalidCdEventException.class)
                .hasMessageContaining("dev.cdevents.service.removed.0.3.0");
    }

    @Test
    void aSampleMissingItsEnvironmentBreaksTheSchema() throws Exception {
        String sample = new String(bundled("conformance/service_deployed.json"), StandardCharsets.UTF_8)
                .replace("\"environment\"", "\"place\"");

        assertThatThrownBy(() -> cdEvents.read(sample.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidCdEventException.class)
                .satisfies(e -> assertThat(((InvalidCdEventException) e).violations()).isNotEmpty());
    }

    @Test
    void theBundledSpecificationIsUnchanged() throws Exception {
        String sums = new String(bundled("SHA256SUMS"), StandardCharsets.UTF_8);
        List<String> lines = sums.lines().toList();
        assertThat(lines).hasSizeGreaterThan(90);
        for (String line : lines) {
            String expected = line.substring(0, 64);
            String file = line.substring(66).replaceFirst("^\\./", "");
            assertThat(sha256(bundled(file))).as(file).isEqualTo(expected);
        }
    }

    private static String sha256(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static byte[] bundled(String name) throws IOException {
        try (InputStream in = CdEventsTest.class.getClassLoader().getResourceAsStream(BUNDLE + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}

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

    /** What sdk-java's latest release and Spinnaker emit (0.3.0) and what cdviz emits (0.4.1), as the spec shows them. */
    @Test
    void theSamplesOfReleases030And041ValidateAgainstTheirOwnSchemas() throws Exception {
        for (String sample : List.of("service_deployed", "service_upgraded", "service_rolledback",
                "artifact_packaged", "artifact_published", "build_finished")) {
            CdEvent old = cdEvents.read(bundled("cdevents/0.3.0/", "examples/" + sample + ".json"));
            assertThat(old.kind()).isEqualTo("dev.cdevents." + sample.replace('_', '.'));
            CdEvent recent = cdEvents.read(bundled("cdevents/0.4.1/", "conformance/" + sample + ".json"));
            assertThat(recent.kind()).isEqualTo("dev.cdevents." + sample.replace('_', '.'));
        }
        CdEvent deployed = cdEvents.read(bundled("cdevents/0.3.0/", "examples/service_deployed.json"));
        assertThat(deployed.content().path("environment").path("id").asText()).isEqualTo("test123");
    }

    @Test
    void aReleaseThatIsNotReadIsRefusedNamingThoseThatAre() throws Exception {
        String sample = new String(bundled("conformance/service_deployed.json"), StandardCharsets.UTF_8)
                .replace("\"specversion\": \"0.5.1\"", "\"specversion\": \"0.2.0\"");

        assertThatThrownBy(() -> cdEvents.read(sample.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidCdEventException.class)
                .hasMessageContaining("'0.2.0'").hasMessageContaining("[0.3.x, 0.4.x, 0.5.x]");
    }

    @Test
    void aServiceDeployedSampleNamesItsServiceEnvironmentAndArtifact() throws Exception {
        CdEvent event = cdEvents.read(bundled("conformance/service_deployed.json"));

        assertThat(event.subjectId()).isEqualTo("mySubject123");
        assertThat(event.content().path("environment").path("id").asText()).isEqualTo("test123");
        assertThat(ImagePurl.parse(event.content().path("artifactId").asText()).repositoryIn("registry.example.com")).isEqualTo("myapp");
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
    void theBundledSpecificationsAreUnchanged() throws Exception {
        for (String release : List.of("cdevents/0.3.0/", "cdevents/0.4.1/", BUNDLE)) {
            List<String> lines = new String(bundled(release, "SHA256SUMS"), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).as(release).hasSizeGreaterThan(75);
            for (String line : lines) {
                String expected = line.substring(0, 64);
                String file = line.substring(66).replaceFirst("^\\./", "");
                assertThat(sha256(bundled(release, file))).as(release + file).isEqualTo(expected);
            }
        }
    }

    private static String sha256(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static byte[] bundled(String name) throws IOException {
        return bundled(BUNDLE, name);
    }

    private static byte[] bundled(String release, String name) throws IOException {
        try (InputStream in = CdEventsTest.class.getClassLoader().getResourceAsStream(release + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}

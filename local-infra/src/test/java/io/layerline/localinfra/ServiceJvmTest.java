package io.layerline.localinfra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A JVM is handed its jar's archive only when the archive was made after the jar. */
class ServiceJvmTest {

    private static final Instant BUILT = Instant.parse("2026-12-04T06:00:00Z");

    @TempDir
    Path target;

    @Test
    void aJarWithoutArchiveStartsWithTheOptionsAlone() throws Exception {
        ServiceJvm jvm = ServiceJvm.of(jar());

        assertThat(jvm.archive()).isEqualTo(target.resolve("catalog-service.jsa"));
        assertThat(jvm.archived()).isFalse();
        assertThat(jvm.command(ServiceJvm.OPTIONS)).containsSubsequence(ServiceJvm.OPTIONS)
                .endsWith("-jar", jar().toString())
                .noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void anArchiveMadeAfterTheJarIsShared() throws Exception {
        ServiceJvm jvm = ServiceJvm.of(jar());
        archive(jvm, BUILT.plusSeconds(60));

        assertThat(jvm.archived()).isTrue();
        assertThat(jvm.command(ServiceJvm.OPTIONS)).contains("-XX:SharedArchiveFile=" + jvm.archive());
        assertThat(jvm.commandWithoutArchive(ServiceJvm.OPTIONS))
                .noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void anArchiveOlderThanTheJarWasMadeForAnotherBuildAndIsNotShared() throws Exception {
        ServiceJvm jvm = ServiceJvm.of(jar());
        archive(jvm, BUILT.minusSeconds(60));

        assertThat(jvm.archived()).isFalse();
        assertThat(jvm.command(ServiceJvm.OPTIONS)).noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void whatATrainingStartWroteBecomesTheArchiveOnlyWhenItWroteSomething() throws Exception {
        ServiceJvm jvm = ServiceJvm.of(jar());
        String written = jvm.trainingCommand(ServiceJvm.OPTIONS).stream()
                .filter(option -> option.startsWith("-XX:ArchiveClassesAtExit=")).findFirst().orElseThrow()
                .substring("-XX:ArchiveClassesAtExit=".length());

        assertThat(jvm.keep()).as("nothing written: a start killed before it stopped").isFalse();

        Files.writeString(Path.of(written), "classes");
        assertThat(jvm.keep()).isTrue();
        assertThat(jvm.archive()).hasContent("classes");
        assertThat(Path.of(written)).doesNotExist();
        assertThat(jvm.archived()).isTrue();
    }

    private Path jar() throws Exception {
        Path jar = target.resolve("catalog-service.jar");
        if (!Files.exists(jar)) {
            Files.writeString(jar, "jar");
            Files.setLastModifiedTime(jar, FileTime.from(BUILT));
        }
        return jar;
    }

    private static void archive(ServiceJvm jvm, Instant madeAt) throws Exception {
        Files.writeString(jvm.archive(), "classes");
        Files.setLastModifiedTime(jvm.archive(), FileTime.from(madeAt));
    }
}

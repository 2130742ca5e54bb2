package io.layerline.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * How a service's JVM is started on one machine: options sized for a small service, and the class-data sharing
 * archive of its jar when one was made for that very jar (ADR 0016). A training run writes the archive: every class
 * it loaded until it stopped cleanly; later runs map those classes instead of loading them from the jar again.
 */
public final class ServiceJvm {

    /**
     * A heap that starts small and grows to its cap, one collector thread, smaller thread stacks and code cache: a
     * service idles at about 190–205 MiB (docs/performance.md) and starts without waiting for its heap.
     */
    public static final List<String> OPTIONS = List.of("-Xms16m", "-Xmx384m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:ReservedCodeCacheSize=64m");

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private final Path jar;

    private ServiceJvm(Path jar) {
        this.jar = jar;
    }

    public static ServiceJvm of(Path jar) {
        return new ServiceJvm(jar);
    }

    /** The archive made for the jar: beside it, named after it. */
    public Path archive() {
        return jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "") + ".jsa");
    }

    /** Whether there is an archive made after the jar was built: the JVM would not share one made for another. */
    public boolean archived() {
        try {
            Path archive = archive();
            return Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The command that runs the service with these options, sharing its archive when it has a current one. */
    public List<String> command(List<String> options) {
        return archived() ? java(options, "-XX:SharedArchiveFile=" + archive()) : java(options);
    }

    /** The command that runs the service with these options and no archive, as a jar starts that has none. */
    public List<String> commandWithoutArchive(List<String> options) {
        return java(options);
    }

    /** The command of a training run: what it loads is written beside the archive when it stops; then {@link #keep}. */
    public List<String> trainingCommand(List<String> options) {
        return java(options, "-XX:ArchiveClassesAtExit=" + training(), "-Xlog:cds=off");
    }

    /** Makes what a training run wrote the service's archive; false when it wrote nothing (it did not stop cleanly). */
    public boolean keep() {
        if (!Files.isRegularFile(training())) {
            return false;
        }
        try {
            Files.move(training(), archive(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the class-data archive " + archive(), e);
        }
    }

    private Path training() {
        return archive().resolveSibling(archive().getFileName() + ".training");
    }

    private List<String> java(List<String> options, String... archiveOptions) {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(options);
        command.addAll(List.of(archiveOptions));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }
}

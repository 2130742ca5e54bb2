package io.layerline.build.application;

import io.layerline.build.application.port.GitRepositories;
import io.layerline.build.application.port.UploadedContexts;
import io.layerline.build.domain.build.ContextSource;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Build contexts: uploaded tar archives, or git repositories from allowed hosts — {@code https}, {@code ssh} or
 * {@code git} URLs only, never {@code file://} — cloned shallow and archived without {@code .git}.
 */
@Singleton
public class BuildContexts {

    /**
     * A context on disk, ready to send to the engine.
     *
     * @param commit     the revision built, when the context came from git
     * @param commitTime its commit time: {@code SOURCE_DATE_EPOCH} for reproducible builds
     */
    public record Materialized(Path tar, String sourceUrl, String commit, Instant commitTime) {
    }

    private final UploadedContexts uploaded;
    private final GitRepositories git;
    private final List<String> allowedHosts;
    private final long maxBytes;

    BuildContexts(UploadedContexts uploaded, GitRepositories git,
                  @Value("${layerline.build.git.allowed-hosts}") List<String> allowedHosts,
                  @Value("${layerline.build.context.max-bytes}") long maxBytes) {
        this.uploaded = uploaded;
        this.git = git;
        this.allowedHosts = allowedHosts.stream().map(String::strip).filter(host -> !host.isEmpty()).toList();
        this.maxBytes = maxBytes;
    }

    /** Why a git URL may not be cloned, or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("https", "ssh", "git").contains(scheme)) {
            return Optional.of("must be an https, ssh or git URL");
        }
        if (uri.getHost() == null || !allowedHosts.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return Optional.of("names a host that is not allowed (layerline.build.git.allowed-hosts)");
        }
        return Optional.empty();
    }

    /**
     * Stores an uploaded archive; its id. Empty when it exceeds the size limit.
     *
     * @throws IllegalArgumentException when the bytes are not a tar archive
     */
    public Optional<String> store(byte[] tar) {
        if (tar.length > maxBytes) {
            return Optional.empty();
        }
        try (TarArchiveInputStream archive = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            int entries = 0;
            while (archive.getNextEntry() != null) {
                entries++;
            }
            if (entries == 0) {
                throw new IllegalArgumentException("the archive holds no file");
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("is not a tar archive: " + e.getMessage(), e);
        }
        return uploaded.store(new ByteArrayInputStream(tar), maxBytes);
    }

    public boolean exists(String id) {
        return uploaded.exists(id);
    }

    public Materialized materialize(ContextSource source, Path workDir) throws BuildFailure {
        Path tar = workDir.resolve("context.tar");
        if (source instanceof ContextSource.Uploaded upload) {
            if (!uploaded.copyTo(upload.id(), tar)) {
                throw new BuildFailure("no uploaded context " + upload.id());
            }
            return new Materialized(tar, null, null, null);
        }
        ContextSource.Git repository = (ContextSource.Git) source;
        Optional<String> refused = refusal(repository.url());
        if (refused.isPresent()) {
            throw new BuildFailure(repository.url() + " " + refused.get());
        }
        Path checkout = workDir.resolve("checkout");
        GitRepositories.Checkout cloned = git.clone(repository.url(), repository.ref(), checkout);
        try {
            archive(checkout, tar);
        } catch (IOException e) {
            throw new BuildFailure("cannot archive the checkout: " + e.getMessage(), e);
        }
        if (Files.exists(tar) && tar.toFile().length() > maxBytes) {
            throw new BuildFailure("the context is larger than " + maxBytes + " bytes");
        }
        return new Materialized(tar, repository.url(), cloned.commit(), cloned.commitTime());
    }

    private static void archive(Path directory, Path tar) throws IOException {
        try (OutputStream out = Files.newOutputStream(tar);
             TarArchiveOutputStream archive = new TarArchiveOutputStream(out);
             Stream<Path> paths = Files.walk(directory)) {
            archive.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path path : (Iterable<Path>) paths.sorted()::iterator) {
                Path relative = directory.relativize(path);
                if (relative.toString().isEmpty() || relative.startsWith(".git")) {
                    continue;
                }
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                TarArchiveEntry entry = new TarArchiveEntry(path.toFile(), relative.toString().replace('\\', '/'));
                archive.putArchiveEntry(entry);
                if (Files.isRegularFile(path)) {
                    Files.copy(path, archive);
                }
                archive.closeArchiveEntry();
            }
        }
    }
}

package io.layerline.build.application;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads one file out of a build context's tar archive. */
final class ContextArchive {

    private static final long MAX_DOCKERFILE = 1_000_000;

    private ContextArchive() {
    }

    static Optional<String> read(Path tar, String path) throws IOException {
        String wanted = normalise(path);
        try (InputStream in = Files.newInputStream(tar);
             TarArchiveInputStream archive = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = archive.getNextEntry()) != null) {
                if (entry.isFile() && normalise(entry.getName()).equals(wanted)) {
                    if (entry.getSize() > MAX_DOCKERFILE) {
                        throw new IOException(path + " is larger than " + MAX_DOCKERFILE + " bytes");
                    }
                    return Optional.of(new String(archive.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return Optional.empty();
    }

    private static String normalise(String path) {
        String result = path.replace('\\', '/');
        while (result.startsWith("./")) {
            result = result.substring(2);
        }
        return result.startsWith("/") ? result.substring(1) : result;
    }
}

package io.layerline.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The CI ingress token of a one-machine run: {@code LAYERLINE_BUILD_INGRESS_TOKEN} when set, else one made at the
 * first start and kept (readable by its owner only) in the data directory, so CI scripts and the demo can use it.
 */
public final class IngressToken {

    static final String FILE = "ingress-token";

    private IngressToken() {
    }

    static String obtain(Path dataDir) {
        String configured = System.getenv("LAYERLINE_BUILD_INGRESS_TOKEN");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Optional<String> existing = existing(dataDir);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve(FILE);
            Files.writeString(file, token + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the ingress token in " + dataDir, e);
        }
        return token;
    }

    /** The token a run made or was given, if any. */
    public static Optional<String> existing(Path dataDir) {
        String configured = System.getenv("LAYERLINE_BUILD_INGRESS_TOKEN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured);
        }
        Path file = dataDir.resolve(FILE);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

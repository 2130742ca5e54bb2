package io.layerline.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A secret of a one-machine run: the value of its environment variable when set, else one made at the first start
 * and kept (readable by its owner only) in the data directory, so scripts, CI jobs and the demo can use it.
 */
public final class LocalToken {

    /** The admin token of the REST APIs. */
    public static final LocalToken ADMIN = new LocalToken("LAYERLINE_TOKEN", "token");
    /** The token CI systems send to the build-service's ingress. */
    public static final LocalToken INGRESS = new LocalToken("LAYERLINE_BUILD_INGRESS_TOKEN", "ingress-token");
    /** What a Harbor webhook policy sends as its Auth Header to the build-service. */
    public static final LocalToken HARBOR_WEBHOOK = new LocalToken("LAYERLINE_BUILD_HARBOR_WEBHOOK_SECRET",
            "harbor-webhook-secret");

    private final String variable;
    private final String file;

    private LocalToken(String variable, String file) {
        this.variable = variable;
        this.file = file;
    }

    /** Where the token is kept in {@code dataDir}. */
    Path file(Path dataDir) {
        return dataDir.resolve(file);
    }

    /** The environment variable that gives the token instead. */
    String variable() {
        return variable;
    }

    /** The token, made and kept if there is none yet. */
    String obtain(Path dataDir) {
        Optional<String> existing = existing(dataDir);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        try {
            Files.createDirectories(dataDir);
            Path path = file(dataDir);
            Files.writeString(path, "");
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(path, token + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + file + " in " + dataDir, e);
        }
        return token;
    }

    /** The token a run made or was given, if any. */
    public Optional<String> existing(Path dataDir) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured.strip());
        }
        Path path = file(dataDir);
        try {
            return Files.isRegularFile(path) ? Optional.of(Files.readString(path).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The hex SHA-256 of {@code token}: what a service is configured with instead of the token itself. */
    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

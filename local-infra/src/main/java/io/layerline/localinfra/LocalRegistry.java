package io.layerline.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real OCI registry: CNCF distribution ({@code docker-registry} from Debian) on loopback, filesystem storage,
 * deletes enabled; plain HTTP and anonymous, or HTTPS with a certificate and an {@code auth} section (htpasswd or
 * token) as {@link Security} says.
 */
public final class LocalRegistry implements AutoCloseable {

    public static final String BINARY = "docker-registry";
    public static final String INSTALL = "apt-get install -y docker-registry";

    /**
     * HTTPS with {@code certificate} and {@code key} (PEM files), and the registry's {@code auth} section as YAML
     * lines indented under {@code auth:} (e.g. {@code htpasswd:} with its realm and path).
     */
    public record Security(Path certificate, Path key, String auth) {
    }

    private final ChildProcess process;
    private final Path config;
    private final int port;
    private final boolean tls;

    private LocalRegistry(ChildProcess process, Path config, int port, boolean tls) {
        this.process = process;
        this.config = config;
        this.port = port;
        this.tls = tls;
    }

    /** Whether this machine has the registry binary. */
    public static Optional<Path> binary() {
        return Executables.find(BINARY);
    }

    /** Starts an anonymous plain-HTTP registry storing its blobs in {@code dir} on {@code port} (0: any). */
    public static LocalRegistry start(Path dir, int port) {
        return start(dir, port, Optional.empty());
    }

    /** Starts a registry in {@code dir} on {@code port} (0: any), over HTTPS with credentials when secured. */
    public static LocalRegistry start(Path dir, int port, Optional<Security> security) {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(
                "no OCI registry binary '" + BINARY + "' on PATH; install it with: " + INSTALL));
        int chosen = port == 0 ? Ports.free() : port;
        try {
            Files.createDirectories(dir.resolve("storage"));
            Path config = dir.resolve("config.yml");
            Files.writeString(config, """
                    version: 0.1
                    log:
                      level: warn
                      accesslog:
                        disabled: true
                    storage:
                      filesystem:
                        rootdirectory: %s
                      delete:
                        enabled: true
                      maintenance:
                        uploadpurging:
                          enabled: false
                    http:
                      addr: 127.0.0.1:%d
                    """.formatted(dir.resolve("storage"), chosen) + security.map(secured -> """
                      tls:
                        certificate: %s
                        key: %s
                    auth:
                    %s
                    """.formatted(secured.certificate(), secured.key(), secured.auth().indent(2).stripTrailing()))
                    .orElse(""));
            ChildProcess process = ChildProcess.start("registry", List.of(binary.toString(), "serve", config.toString()),
                    Map.of(), dir, dir.resolve("registry.log"));
            LocalRegistry registry = new LocalRegistry(process, config, chosen, security.isPresent());
            registry.awaitReady(Duration.ofSeconds(20));
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the registry in " + dir, e);
        }
    }

    /** {@code 127.0.0.1:port}, the registry part of an image reference. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public URI url() {
        return URI.create((tls ? "https://" : "http://") + host());
    }

    /**
     * Runs the registry's garbage collection ({@code registry garbage-collect <config>}, untagged manifests kept):
     * every blob no manifest names is deleted. Nothing may be pushed meanwhile. Its output.
     */
    public String garbageCollect() {
        Path binary = binary().orElseThrow();
        try {
            Process collect = new ProcessBuilder(binary.toString(), "garbage-collect", config.toString())
                    .redirectErrorStream(true).start();
            String output = new String(collect.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (collect.waitFor() != 0) {
                throw new IllegalStateException("garbage collection failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the registry's garbage collection", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting garbage", e);
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }

    private void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the registry exited at start:\n" + process.tail(20));
            }
            if (tls) {
                if (listening()) {
                    return;
                }
                Sleeper.pause(Duration.ofMillis(100));
                continue;
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(url().resolve("/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
            Sleeper.pause(Duration.ofMillis(100));
        }
        process.stop(Duration.ofSeconds(5));
        throw new IllegalStateException("the registry did not answer on " + url() + " within " + timeout + ":\n"
                + process.tail(20));
    }

    /** Whether the registry accepts connections: over TLS, its certificate is the caller's to trust. */
    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

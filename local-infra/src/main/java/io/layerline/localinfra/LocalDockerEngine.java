package io.layerline.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Docker Engine API endpoint served by {@code podman system service} on a unix socket, configured for
 * machines without a Docker engine: vfs storage, runc, cgroupfs, host networking, file event log.
 */
public final class LocalDockerEngine implements AutoCloseable {

    public static final String INSTALL = "apt-get install -y podman runc buildah skopeo";

    private final ChildProcess process;
    private final Path socket;

    private LocalDockerEngine(ChildProcess process, Path socket) {
        this.process = process;
        this.socket = socket;
    }

    public static Optional<Path> podman() {
        return Executables.find("podman");
    }

    /**
     * Starts podman's Docker-compatible API with its storage and socket under {@code dir}.
     *
     * @param plainHttpRegistries {@code host:port} of registries it reaches over plain HTTP (local ones)
     */
    public static LocalDockerEngine start(Path dir, List<String> plainHttpRegistries) {
        Path podman = podman().orElseThrow(() -> new IllegalStateException(
                "no Docker Engine API: DOCKER_HOST is not set and podman is not on PATH; install it with: "
                        + INSTALL));
        try {
            Files.createDirectories(dir);
            Path storageConf = dir.resolve("storage.conf");
            Files.writeString(storageConf, """
                    [storage]
                    driver = "vfs"
                    runroot = "%s"
                    graphroot = "%s"
                    """.formatted(dir.resolve("run"), dir.resolve("storage")));
            Path containersConf = dir.resolve("containers.conf");
            Files.writeString(containersConf, """
                    [containers]
                    netns = "host"
                    default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

                    [engine]
                    runtime = "runc"
                    cgroup_manager = "cgroupfs"
                    events_logger = "file"
                    """);
            Path registriesConf = dir.resolve("registries.conf");
            StringBuilder registries = new StringBuilder();
            for (String registry : plainHttpRegistries) {
                registries.append("[[registry]]\nlocation = \"").append(registry).append("\"\ninsecure = true\n\n");
            }
            Files.writeString(registriesConf, registries.toString());
            Path socket = dir.resolve("podman.sock");
            Files.deleteIfExists(socket);
            ChildProcess process = ChildProcess.start("podman",
                    List.of(podman.toString(), "system", "service", "--time=0", "unix://" + socket),
                    Map.of("CONTAINERS_STORAGE_CONF", storageConf.toString(),
                            "CONTAINERS_CONF", containersConf.toString(),
                            "CONTAINERS_REGISTRIES_CONF", registriesConf.toString()),
                    dir, dir.resolve("podman.log"));
            LocalDockerEngine engine = new LocalDockerEngine(process, socket);
            engine.awaitReady(Duration.ofSeconds(30));
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare podman in " + dir, e);
        }
    }

    /** The value for {@code DOCKER_HOST}. */
    public String dockerHost() {
        return "unix://" + socket;
    }

    /** Whether the Docker Engine API at a unix socket answers {@code GET /_ping} with OK. */
    public static boolean pings(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            StringBuilder response = new StringBuilder();
            while (channel.read(buffer) > 0) {
                buffer.flip();
                response.append(StandardCharsets.US_ASCII.decode(buffer));
                buffer.clear();
            }
            return response.toString().startsWith("HTTP/1.") && response.toString().contains(" 200 ")
                    && response.toString().endsWith("OK");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("podman system service exited at start:\n" + process.tail(20));
            }
            if (pings(socket)) {
                return;
            }
            Sleeper.pause(Duration.ofMillis(100));
        }
        process.stop(Duration.ofSeconds(5));
        throw new IllegalStateException("podman did not answer on " + socket + " within " + timeout + ":\n"
                + process.tail(20));
    }
}

package io.layerline.testing;

import io.layerline.localinfra.LocalRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;

/**
 * A real OCI registry for this test JVM: Debian's {@code docker-registry} when it is on PATH, else a
 * Testcontainers {@code registry:2} when a Docker or podman socket answers. Without either, the test fails and
 * says what to install; it never skips.
 */
public final class Registries {

    private static Registry registry;

    private Registries() {
    }

    /** A registry reachable over plain HTTP. */
    public record Registry(String host, Runnable stop) {

        public URI url() {
            return URI.create("http://" + host);
        }
    }

    public static synchronized Registry registry() {
        if (registry == null) {
            registry = start();
        }
        return registry;
    }

    static synchronized void stop() {
        if (registry != null) {
            registry.stop().run();
            registry = null;
        }
    }

    private static Registry start() {
        if (LocalRegistry.binary().isPresent()) {
            LocalRegistry local = LocalRegistry.start(Infrastructure.workDir().resolve("registry"), 0);
            return new Registry(local.host(), local::close);
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("registry:2"))
                    .withEnv("REGISTRY_STORAGE_DELETE_ENABLED", "true")
                    .withExposedPorts(5000)
                    .waitingFor(Wait.forHttp("/v2/").forStatusCode(200));
            container.start();
            return new Registry(container.getHost() + ":" + container.getMappedPort(5000), container::stop);
        }
        throw new IllegalStateException("This test needs an OCI registry: neither '" + LocalRegistry.BINARY
                + "' is on PATH nor does a Docker socket answer. Install it with: " + LocalRegistry.INSTALL
                + " (or run ./layerline test, which installs it)");
    }
}

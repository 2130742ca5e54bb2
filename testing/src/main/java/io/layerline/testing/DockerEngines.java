package io.layerline.testing;

import io.layerline.localinfra.LocalDockerEngine;

import java.util.List;

/**
 * A Docker Engine API endpoint for this test JVM: {@code DOCKER_HOST} when it is set, else a podman system service
 * started with the settings this kind of machine needs, pushing to the test registry over plain HTTP. Without
 * either, the test fails and says what to install.
 */
public final class DockerEngines {

    private static LocalDockerEngine started;
    private static String dockerHost;

    private DockerEngines() {
    }

    /** The value for {@code DOCKER_HOST}, e.g. {@code unix:///…/podman.sock}. */
    public static synchronized String dockerHost() {
        if (dockerHost == null) {
            String configured = System.getenv("DOCKER_HOST");
            if (configured != null && !configured.isBlank()) {
                dockerHost = configured;
            } else {
                if (LocalDockerEngine.podman().isEmpty()) {
                    throw new IllegalStateException("This test needs a Docker Engine API: DOCKER_HOST is not set and "
                            + "podman is not on PATH. Install it with: " + LocalDockerEngine.INSTALL
                            + " (or run ./layerline test, which installs it)");
                }
                started = LocalDockerEngine.start(Infrastructure.workDir().resolve("podman"),
                        List.of(Registries.registry().host()));
                dockerHost = started.dockerHost();
            }
        }
        return dockerHost;
    }

    static synchronized void stop() {
        if (started != null) {
            started.close();
            started = null;
            dockerHost = null;
        }
    }
}

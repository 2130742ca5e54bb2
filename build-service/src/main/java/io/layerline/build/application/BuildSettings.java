package io.layerline.build.application;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code layerline.build}, with its defaults in {@code application.yml}.
 *
 * @param allowedRegistries registries Dockerfiles may take bases from without a finding, and the service may read
 *                          images of, besides the push registry and Harbor's ({@code host[:port]}, any case)
 * @param dockerHost        the Docker Engine API: {@code unix:///run/podman/podman.sock}, {@code tcp://…}
 * @param concurrency       builds running at once
 * @param timeout           after which a running build is stopped and failed
 */
@ConfigurationProperties("layerline.build")
public record BuildSettings(@Nullable List<String> allowedRegistries, String dockerHost, int concurrency,
                            Duration timeout) {

    public BuildSettings {
        allowedRegistries = allowedRegistries == null ? List.of() : allowedRegistries.stream().map(String::strip)
                .filter(host -> !host.isEmpty()).map(host -> host.toLowerCase(Locale.ROOT)).toList();
    }
}

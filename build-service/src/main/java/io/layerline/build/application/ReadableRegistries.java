package io.layerline.build.application;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The registries this service may call when a caller names one — the efficiency report, an image announced by CI:
 * the registry it pushes to ({@code layerline.build.registry.url}), Harbor's ({@code layerline.build.harbor.registry})
 * and those of {@code layerline.build.allowed-registries}. Anything else would let a caller make the service connect
 * to any host it likes.
 */
@Singleton
public class ReadableRegistries {

    private final Set<String> hosts = new LinkedHashSet<>();

    ReadableRegistries(@Value("${layerline.build.registry.url:}") String registryUrl,
                       @Nullable @Value("${layerline.build.harbor.registry:}") String harborRegistry,
                       @Value("${layerline.build.allowed-registries:}") List<String> allowedRegistries) {
        if (!registryUrl.isBlank()) {
            hosts.add(URI.create(registryUrl).getAuthority().toLowerCase(Locale.ROOT));
        }
        if (harborRegistry != null && !harborRegistry.isBlank()) {
            hosts.add(harborRegistry.strip().toLowerCase(Locale.ROOT));
        }
        allowedRegistries.stream().map(String::strip).filter(host -> !host.isEmpty())
                .map(host -> host.toLowerCase(Locale.ROOT)).forEach(hosts::add);
    }

    /** Whether {@code host} ({@code host} or {@code host:port}) may be called. */
    public boolean allows(String host) {
        return host != null && hosts.contains(host.toLowerCase(Locale.ROOT));
    }
}

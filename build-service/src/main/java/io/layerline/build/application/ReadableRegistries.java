package io.layerline.build.application;

import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
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

    ReadableRegistries(PushRegistry registry, HarborSettings harbor, BuildSettings settings) {
        registry.host().ifPresent(host -> hosts.add(host.toLowerCase(Locale.ROOT)));
        if (harbor.registry() != null && !harbor.registry().isBlank()) {
            hosts.add(harbor.registry().strip().toLowerCase(Locale.ROOT));
        }
        hosts.addAll(settings.allowedRegistries());
    }

    /** Whether {@code host} ({@code host} or {@code host:port}) may be called. */
    public boolean allows(String host) {
        return host != null && hosts.contains(host.toLowerCase(Locale.ROOT));
    }
}

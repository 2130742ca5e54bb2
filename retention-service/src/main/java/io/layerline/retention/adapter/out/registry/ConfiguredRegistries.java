package io.layerline.retention.adapter.out.registry;

import io.layerline.registry.Credentials;
import io.layerline.registry.RegistryAccess;
import io.layerline.retention.application.port.ManagedRegistries;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The registries this instance manages, from configuration: the one of {@code layerline.retention.registry}
 * ({@code type} {@code oci} or {@code harbor}, as before), and any number more under
 * {@code layerline.retention.registries.<name>} with {@code type}, {@code url}, {@code username}, {@code password},
 * {@code ca-certificate} (a PEM file) and {@code timeout}. A type other than {@code none}, {@code oci} or
 * {@code harbor}, or a registry without a URL, stops the service at start with the setting named.
 */
@Singleton
class ConfiguredRegistries implements ManagedRegistries {

    private static final String SINGLE = "layerline.retention.registry";
    private static final String SEVERAL = "layerline.retention.registries";

    private final List<ManagedRegistry> registries = new ArrayList<>();

    ConfiguredRegistries(Environment environment) {
        Duration timeout = environment.getProperty(SINGLE + ".timeout", Duration.class)
                .orElse(RegistryAccess.DEFAULT_TIMEOUT);
        String type = environment.getProperty(SINGLE + ".type", String.class).orElse("none");
        if (!type.equalsIgnoreCase("none")) {
            registries.add(adapter(environment, SINGLE + ".type", type, SINGLE + "." + type.toLowerCase(Locale.ROOT),
                    timeout));
        }
        for (String name : new TreeSet<>(environment.getPropertyEntries(SEVERAL))) {
            String prefix = SEVERAL + "." + name;
            registries.add(adapter(environment, prefix + ".type",
                    environment.getProperty(prefix + ".type", String.class).orElse("oci"), prefix,
                    environment.getProperty(prefix + ".timeout", Duration.class).orElse(timeout)));
        }
    }

    @Override
    public List<ManagedRegistry> all() {
        return List.copyOf(registries);
    }

    private static ManagedRegistry adapter(Environment environment, String typeSetting, String type, String prefix,
                                           Duration timeout) {
        String url = environment.getProperty(prefix + ".url", String.class).filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalStateException(prefix + ".url must name the registry (https://host)"));
        String username = environment.getProperty(prefix + ".username", String.class).orElse("");
        String password = environment.getProperty(prefix + ".password", String.class).orElse("");
        RegistryAccess access = new RegistryAccess(URI.create(url.trim()), Credentials.basic(username, password),
                environment.getProperty(prefix + ".ca-certificate", String.class).filter(value -> !value.isBlank())
                        .map(value -> Path.of(value.trim())), timeout);
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "oci" -> new OciRegistry(access);
            case "harbor" -> new HarborRegistry(access);
            default -> throw new IllegalStateException(typeSetting + " must be none, oci or harbor, not " + type);
        };
    }
}

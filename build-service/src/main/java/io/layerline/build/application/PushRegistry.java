package io.layerline.build.application;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.util.Optional;

/**
 * {@code layerline.build.registry}: the registry builds push to, read with these credentials and CA bundle; the
 * registry an image without one is taken to be in.
 *
 * @param url           {@code http(s)://host[:port]}; none when builds name their registry themselves
 * @param caCertificate a PEM bundle added to the system's trust
 */
@ConfigurationProperties("layerline.build.registry")
public record PushRegistry(@Nullable String url, @Nullable String username, @Nullable String password,
                           @Nullable String caCertificate) {

    /** {@code host[:port]} of {@link #url}, when one is configured. */
    public Optional<String> host() {
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(URI.create(url).getAuthority());
    }
}

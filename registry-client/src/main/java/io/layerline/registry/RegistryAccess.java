package io.layerline.registry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one registry.
 *
 * @param url           {@code https://registry.example.com} or {@code http://127.0.0.1:5000}: the scheme and the
 *                      authority only
 * @param credentials   what to present when the registry asks
 * @param caCertificate PEM certificates to trust besides the system's, for registries behind a private CA
 * @param timeout       for each request, after the connection is made
 */
public record RegistryAccess(URI url, Credentials credentials, Optional<Path> caCertificate, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public RegistryAccess {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getAuthority() == null) {
            throw new IllegalArgumentException("a registry URL is http(s)://host[:port], not " + url);
        }
        url = URI.create(scheme + "://" + url.getAuthority());
        credentials = credentials == null ? Credentials.ANONYMOUS : credentials;
        caCertificate = caCertificate == null ? Optional.empty() : caCertificate;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static RegistryAccess anonymous(URI url) {
        return new RegistryAccess(url, Credentials.ANONYMOUS, Optional.empty(), DEFAULT_TIMEOUT);
    }

    /**
     * From configuration values, where an empty user name means anonymous access and an empty CA path the system's
     * certificates only.
     */
    public static RegistryAccess configured(String url, String username, String password, String caCertificate,
                                            Duration timeout) {
        return new RegistryAccess(URI.create(url.trim()), Credentials.basic(username, password),
                caCertificate == null || caCertificate.isBlank() ? Optional.empty()
                        : Optional.of(Path.of(caCertificate.trim())), timeout);
    }

    public RegistryAccess withCredentials(Credentials credentials) {
        return new RegistryAccess(url, credentials, caCertificate, timeout);
    }

    /** {@code host[:port]}, as the registry part of an image reference spells it. */
    public String host() {
        return url.getAuthority();
    }

    /** Whether {@code registry} (a host and port, any case) names this registry. */
    public boolean names(String registry) {
        return registry != null && registry.equalsIgnoreCase(host());
    }
}

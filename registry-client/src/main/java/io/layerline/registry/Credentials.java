package io.layerline.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What a client presents to a registry: nothing, or a user name and a password (or a robot account's secret, or
 * a personal access token), sent as basic credentials or exchanged for bearer tokens as the registry asks.
 */
public record Credentials(String username, String password) {

    public static final Credentials ANONYMOUS = new Credentials("", "");

    public Credentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    public static Credentials basic(String username, String password) {
        return new Credentials(username, password);
    }

    public boolean anonymous() {
        return username.isEmpty();
    }

    /** The {@code Authorization} value for basic authentication; empty for anonymous access. */
    Optional<String> basicAuthorization() {
        if (anonymous()) {
            return Optional.empty();
        }
        return Optional.of("Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** Never the password. */
    @Override
    public String toString() {
        return anonymous() ? "anonymous" : "user " + username;
    }
}

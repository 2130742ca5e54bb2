package io.layerline.console;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** Where each service answers, by the short name the page uses in {@code /proxy/<name>/…}. */
@Singleton
final class Upstreams {

    private final Map<String, URI> byName;

    Upstreams(@Value("${layerline.console.services.build}") URI build,
              @Value("${layerline.console.services.promotion}") URI promotion,
              @Value("${layerline.console.services.retention}") URI retention,
              @Value("${layerline.console.services.catalog}") URI catalog) {
        this.byName = Map.of("build", build, "promotion", promotion, "retention", retention, "catalog", catalog);
    }

    Optional<URI> of(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The service a token is checked against at sign-in: every service accepts the same tokens. */
    URI signIn() {
        return byName.get("promotion");
    }
}

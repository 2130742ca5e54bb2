package io.layerline.build.application;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * {@code layerline.build.gate}: the catalog-service whose quality gate every build asks before it builds (ADR 0018).
 *
 * @param catalogUrl  the catalog-service's base URL; none, no gate
 * @param token       an API token the catalog-service accepts (a viewer's is enough)
 * @param environment the environment images are evaluated for, e.g. {@code dev}
 * @param failOpen    build anyway, saying so in the log, when the gate cannot be asked; else the build fails
 * @param timeout     how long the gate is given to answer
 */
@ConfigurationProperties("layerline.build.gate")
public record GateSettings(@Nullable String catalogUrl, @Nullable String token, String environment,
                           boolean failOpen, Duration timeout) {

    public GateSettings {
        catalogUrl = catalogUrl == null || catalogUrl.isBlank() ? null : catalogUrl.strip().replaceAll("/+$", "");
    }
}

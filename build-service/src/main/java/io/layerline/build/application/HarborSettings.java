package io.layerline.build.application;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * {@code layerline.build.harbor}, with its defaults in {@code application.yml}: the Harbor that sends webhooks and the
 * API the service reads a pushed artifact's tags and kind from.
 *
 * @param webhookSecret    what Harbor's webhook policy sends as its {@code Authorization} header
 * @param registry         the registry host Harbor's events are about, when its payloads do not say ({@code
 *                         host[:port]})
 * @param url              Harbor's API, {@code https://harbor.example.com}; none to read the registry instead
 * @param caCertificate    a PEM bundle added to the system's trust
 * @param timeout          for one call of Harbor's API
 * @param describeAttempts how often a push is described before it is announced as Harbor's webhook told it
 * @param describeBackoff  the wait after the first failed attempt, doubling after each
 */
@ConfigurationProperties("layerline.build.harbor")
public record HarborSettings(@Nullable String webhookSecret, @Nullable String registry, @Nullable String url,
                             @Nullable String username, @Nullable String password, @Nullable String caCertificate,
                             Duration timeout, int describeAttempts, Duration describeBackoff) {
}

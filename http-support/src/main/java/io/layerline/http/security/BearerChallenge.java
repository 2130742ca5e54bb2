package io.layerline.http.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import jakarta.inject.Singleton;

/** Tells a caller refused with 401 which credentials the APIs take: a bearer token. */
@Singleton
public class BearerChallenge implements WwwAuthenticateChallengeProvider<HttpRequest<?>> {

    @Override
    public String getWwwAuthenticateChallenge(HttpRequest<?> request) {
        return "Bearer realm=\"layerline\"";
    }
}

package io.layerline.http.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * Accepts a bearer token whose SHA-256 is one of {@link StaticTokens}. Every configured hash is compared, in
 * constant time, so the answer takes as long whichever entry matches or none does. JWTs are validated by Micronaut
 * Security's own validator (a configured shared secret or JWKS), next to this one.
 */
@Singleton
public class StaticTokenValidator implements TokenValidator<HttpRequest<?>> {

    /** The attribute that says how a caller authenticated. */
    public static final String KIND = "kind";

    private final List<StaticTokens.Token> tokens;

    StaticTokenValidator(StaticTokens configuration) {
        this.tokens = configuration.getTokens();
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        byte[] hash = sha256(token);
        StaticTokens.Token match = null;
        for (StaticTokens.Token candidate : tokens) {
            if (MessageDigest.isEqual(candidate.sha256(), hash) && match == null) {
                match = candidate;
            }
        }
        if (match == null) {
            return Publishers.empty();
        }
        return Publishers.just(Authentication.build(match.name(), Roles.expand(List.of(match.role())),
                Map.of(KIND, "static-token")));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

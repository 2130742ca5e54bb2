package io.layerline.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Static API tokens of this JVM's services, one per role, made at random for the run: {@link #configuration()} is
 * the value of {@code layerline.security.tokens} that makes the services accept them.
 */
public final class ApiTokens {

    public static final String ADMIN = random();
    public static final String OPERATOR = random();
    public static final String VIEWER = random();

    private ApiTokens() {
    }

    /** {@code layerline.security.tokens} naming the tokens {@code test-admin}, {@code test-operator}, {@code test-viewer}. */
    public static String configuration() {
        return "test-admin:admin:" + sha256(ADMIN) + ",test-operator:operator:" + sha256(OPERATOR)
                + ",test-viewer:viewer:" + sha256(VIEWER);
    }

    /** A request to {@code uri} that carries the admin token. */
    public static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", bearer(ADMIN));
    }

    /** The value of an {@code Authorization} header carrying {@code token}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The hex SHA-256 of {@code token}, as {@code layerline.security.tokens} holds it. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

package io.layerline.build.adapter.in.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Compares presented secrets with configured ones in time that does not depend on where they differ. */
final class Secrets {

    private Secrets() {
    }

    /** False when nothing is configured: an ingress without a secret takes nothing in. */
    static boolean matches(String presented, String configured) {
        if (configured == null || configured.isBlank() || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(digest(presented), digest(configured));
    }

    /** Hashing first makes the comparison independent of the lengths too. */
    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

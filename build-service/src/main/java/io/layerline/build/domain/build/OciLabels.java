package io.layerline.build.domain.build;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OCI annotations every image we build carries as labels, so anyone holding the image can tell where it came
 * from and what it was built on. The definition's own labels come first; these win over them.
 */
public final class OciLabels {

    public static final String SOURCE = "org.opencontainers.image.source";
    public static final String REVISION = "org.opencontainers.image.revision";
    public static final String CREATED = "org.opencontainers.image.created";
    public static final String BASE_NAME = "org.opencontainers.image.base.name";
    public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";
    public static final String AUTHORS = "org.opencontainers.image.authors";

    private OciLabels() {
    }

    /** Absent values are left out rather than written empty. */
    public static Map<String, String> of(Map<String, String> own, String source, String revision, Instant created,
                                         String baseName, String baseDigest, String author) {
        Map<String, String> labels = new LinkedHashMap<>(own);
        put(labels, SOURCE, source);
        put(labels, REVISION, revision);
        put(labels, CREATED, created == null ? null : created.toString());
        put(labels, BASE_NAME, baseName);
        put(labels, BASE_DIGEST, baseDigest);
        put(labels, AUTHORS, author);
        return labels;
    }

    private static void put(Map<String, String> labels, String key, String value) {
        if (value != null && !value.isBlank()) {
            labels.put(key, value);
        }
    }
}

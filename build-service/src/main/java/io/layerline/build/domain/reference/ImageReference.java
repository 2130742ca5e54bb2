package io.layerline.build.domain.reference;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference as written after {@code FROM} or given to a build, normalised the way the Docker
 * distribution rules read it: {@code eclipse-temurin:17-jre} is {@code docker.io/library/eclipse-temurin:17-jre}.
 *
 * @param registry   host and optional port; {@code docker.io} when none is written
 * @param repository path inside the registry, with {@code library/} for official Docker Hub images
 * @param tag        the tag, absent when only a digest is given or nothing at all (which means {@code latest})
 * @param digest     {@code sha256:…} when the reference pins a digest
 */
public record ImageReference(String registry, String repository, Optional<String> tag, Optional<String> digest) {

    public static final String DEFAULT_REGISTRY = "docker.io";
    public static final String SCRATCH = "scratch";

    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?");

    public ImageReference {
        tag = tag == null ? Optional.empty() : tag;
        digest = digest == null ? Optional.empty() : digest;
    }

    /**
     * Reads a reference.
     *
     * @throws IllegalArgumentException with what is wrong, for a reference the distribution rules reject
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an image reference is empty");
        }
        String rest = text.trim();
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            String pinned = rest.substring(at + 1);
            if (!DIGEST.matcher(pinned).matches()) {
                throw new IllegalArgumentException("'" + text + "' pins '" + pinned
                        + "', which is not sha256: and 64 lower-case hex digits");
            }
            digest = Optional.of(pinned);
            rest = rest.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            String written = rest.substring(colon + 1);
            if (!TAG.matcher(written).matches()) {
                throw new IllegalArgumentException("'" + text + "' has an invalid tag '" + written + "'");
            }
            tag = Optional.of(written);
            rest = rest.substring(0, colon);
        }
        String registry = DEFAULT_REGISTRY;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                if (!isRegistry(first)) {
                    throw new IllegalArgumentException("'" + text + "' names an invalid registry '" + first
                            + "' (a host with an optional port, at most 255 characters)");
                }
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (registry.equals(DEFAULT_REGISTRY) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (!isRepository(rest)) {
            throw new IllegalArgumentException("'" + text + "' has an invalid repository name '" + rest + "'");
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    /** Whether {@code text} names a registry: a host, optionally with a port, in at most 255 characters. */
    public static boolean isRegistry(String text) {
        return text != null && text.length() <= 255 && REGISTRY.matcher(text).matches();
    }

    /** Whether {@code text} is a repository path as the distribution rules write one (lower-case components). */
    public static boolean isRepository(String text) {
        if (text == null || text.isEmpty() || text.length() > 255) {
            return false;
        }
        for (String component : text.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                return false;
            }
        }
        return true;
    }

    public static boolean isTag(String text) {
        return text != null && TAG.matcher(text).matches();
    }

    public static boolean isDigest(String text) {
        return text != null && DIGEST.matcher(text).matches();
    }

    /** {@code scratch} is the empty image, not a reference to a registry. */
    public static boolean isScratch(String text) {
        return SCRATCH.equals(text == null ? null : text.trim());
    }

    /** Whether the reference fixes its content: a digest, not a tag that can move. */
    public boolean isPinned() {
        return digest.isPresent();
    }

    /** Whether the reference floats on {@code latest}, written or implied. */
    public boolean floatsOnLatest() {
        return digest.isEmpty() && tag.map("latest"::equals).orElse(true);
    }

    /** The full, normalised form: {@code registry/repository[:tag][@digest]}. */
    public String canonical() {
        return registry + "/" + repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }

    @Override
    public String toString() {
        return canonical();
    }
}

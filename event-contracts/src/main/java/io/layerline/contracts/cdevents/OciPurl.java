package io.layerline.contracts.cdevents;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An OCI package URL as CDEvents name artifacts:
 * {@code pkg:oci/<name>@sha256%3A<hex>?repository_url=<registry>/<path>&tag=<tag>}.
 *
 * @param name          the image name, the last part of its repository
 * @param digest        {@code sha256:} + 64 hex digits
 * @param repositoryUrl {@code registry/path} where the image lives, when given
 * @param tag           the tag qualifier, when given
 */
public record OciPurl(String name, String digest, Optional<String> repositoryUrl, Optional<String> tag) {

    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    /** @throws IllegalArgumentException saying what is wrong, for anything but an OCI PURL pinned to a digest */
    public static OciPurl parse(String purl) {
        if (purl == null || !purl.startsWith("pkg:")) {
            throw new IllegalArgumentException("'" + purl + "' is not a package URL (pkg:…)");
        }
        if (!purl.startsWith("pkg:oci/")) {
            throw new IllegalArgumentException("'" + purl + "' is not an OCI package URL: only pkg:oci/ names an image");
        }
        String rest = purl.substring("pkg:oci/".length());
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        String qualifiers = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            qualifiers = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        int at = rest.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("'" + purl + "' has no version: the image digest (@sha256%3A…) is needed");
        }
        String name = decode(rest.substring(0, at)).toLowerCase();
        String digest = decode(rest.substring(at + 1));
        if (name.isBlank()) {
            throw new IllegalArgumentException("'" + purl + "' has no image name");
        }
        if (!DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("'" + purl + "' has version '" + digest
                    + "', which is not sha256: and 64 lower-case hex digits");
        }
        Optional<String> repositoryUrl = Optional.empty();
        Optional<String> tag = Optional.empty();
        for (String qualifier : qualifiers.split("&")) {
            int equals = qualifier.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = qualifier.substring(0, equals).toLowerCase();
            String value = decode(qualifier.substring(equals + 1));
            if (key.equals("repository_url")) {
                repositoryUrl = Optional.of(value.replaceFirst("^[a-z]+://", "").replaceAll("/+$", ""));
            } else if (key.equals("tag")) {
                tag = Optional.of(value);
            }
        }
        return new OciPurl(name, digest, repositoryUrl, tag);
    }

    /** The registry host of {@code repository_url}, if given. */
    public Optional<String> registry() {
        return repositoryUrl.map(url -> url.contains("/") ? url.substring(0, url.indexOf('/')) : url);
    }

    /** The repository path inside the registry: from {@code repository_url}, or the bare name. */
    public String repository() {
        return repositoryUrl.filter(url -> url.contains("/")).map(url -> url.substring(url.indexOf('/') + 1))
                .orElse(name);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}

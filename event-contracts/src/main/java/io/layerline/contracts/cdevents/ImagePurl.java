package io.layerline.contracts.cdevents;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A package URL that names a container image, as CDEvents producers write them:
 * <ul>
 *   <li>{@code pkg:oci/<name>@sha256%3A<hex>?repository_url=<registry>[/<path>]&tag=<tag>} — the purl
 *       specification's {@code oci} type; {@code repository_url} names the registry and the repository with or
 *       without the image's name ({@code ghcr.io/org} and {@code ghcr.io/org/app} both mean {@code org/app});</li>
 *   <li>{@code pkg:docker/<namespace>/<name>@sha256%3A<hex>?repository_url=<registry>} — the {@code docker} type,
 *       whose registry defaults to Docker Hub.</li>
 * </ul>
 * Docker Hub's names ({@code index.docker.io}, {@code registry-1.docker.io}, {@code hub.docker.com}) are
 * {@code docker.io}, and an official image's repository there is {@code library/<name>}.
 *
 * @param name          the image name, the last part of its repository
 * @param digest        {@code sha256:} + 64 hex digits; empty for a package URL that names only a tag, as cdviz writes
 *                      them ({@code pkg:oci/podinfo?repository_url=ghcr.io/stefanprodan&tag=6.9.0}): the tag must
 *                      then be resolved at the registry
 * @param repositoryUrl {@code registry[/path]} where the image lives, when given
 * @param tag           the tag qualifier, when given
 * @param namespace     the path before the name ({@code library}, {@code org/team}): the {@code docker} type's
 *                      namespace, or what some producers put before an {@code oci} name
 * @param docker        whether it is of the {@code docker} type, whose {@code repository_url} is the registry only
 */
public record ImagePurl(String name, Optional<String> digest, Optional<String> repositoryUrl, Optional<String> tag,
                        Optional<String> namespace, boolean docker) {

    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Set<String> DOCKER_HUB_NAMES = Set.of("docker.io", "index.docker.io",
            "registry-1.docker.io", "registry.hub.docker.com", "hub.docker.com");

    /** Whether {@code purl} names a container image ({@code pkg:oci/} or {@code pkg:docker/}). */
    public static boolean namesAnImage(String purl) {
        return purl != null && (purl.startsWith("pkg:oci/") || purl.startsWith("pkg:docker/"));
    }

    /** Why an artifact that is not an image is acknowledged and ignored: the same words from every service. */
    public static String notAnImage(String purl) {
        if (purl == null || purl.isBlank()) {
            return "the event names no artifact";
        }
        int slash = purl.indexOf('/');
        return "the artifact is not a container image (" + (slash > 0 ? purl.substring(0, slash) : purl)
                + "): only pkg:oci and pkg:docker package URLs are";
    }

    /**
     * @throws IllegalArgumentException saying what is wrong, for anything but an image's package URL pinned to a
     *                                  digest or naming a tag
     */
    public static ImagePurl parse(String purl) {
        if (purl == null || !purl.startsWith("pkg:")) {
            throw new IllegalArgumentException("'" + purl + "' is not a package URL (pkg:…)");
        }
        if (!namesAnImage(purl)) {
            throw new IllegalArgumentException("'" + purl + "' is not an image's package URL: only pkg:oci/ and "
                    + "pkg:docker/ name images");
        }
        boolean docker = purl.startsWith("pkg:docker/");
        String rest = purl.substring(docker ? "pkg:docker/".length() : "pkg:oci/".length());
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
        String path = decode(at < 0 ? rest : rest.substring(0, at)).toLowerCase(Locale.ROOT);
        Optional<String> digest = at < 0 ? Optional.empty() : Optional.of(decode(rest.substring(at + 1)));
        int slash = path.lastIndexOf('/');
        String name = slash < 0 ? path : path.substring(slash + 1);
        Optional<String> namespace = slash > 0 ? Optional.of(path.substring(0, slash)) : Optional.empty();
        if (name.isBlank()) {
            throw new IllegalArgumentException("'" + purl + "' has no image name");
        }
        if (digest.isPresent() && !DIGEST.matcher(digest.get()).matches()) {
            throw new IllegalArgumentException("'" + purl + "' has version '" + digest.get()
                    + "', which is not sha256: and 64 lower-case hex digits");
        }
        Optional<String> repositoryUrl = Optional.empty();
        Optional<String> tag = Optional.empty();
        for (String qualifier : qualifiers.split("&")) {
            int equals = qualifier.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = qualifier.substring(0, equals).toLowerCase(Locale.ROOT);
            String value = decode(qualifier.substring(equals + 1));
            if (key.equals("repository_url")) {
                repositoryUrl = Optional.of(value.replaceFirst("^[a-zA-Z]+://", "").replaceAll("/+$", ""))
                        .filter(url -> !url.isBlank());
            } else if (key.equals("tag")) {
                tag = Optional.of(value);
            }
        }
        if (digest.isEmpty() && tag.isEmpty()) {
            throw new IllegalArgumentException("'" + purl
                    + "' has neither a version nor a tag: the image digest (@sha256%3A…) is needed");
        }
        if (docker && repositoryUrl.isEmpty()) {
            repositoryUrl = Optional.of(DOCKER_HUB);
        }
        return new ImagePurl(name, digest, repositoryUrl, tag, namespace, docker);
    }

    /** The registry host of {@code repository_url}, Docker Hub's names as {@code docker.io}; empty when not given. */
    public Optional<String> registry() {
        return repositoryUrl.map(url -> url.contains("/") ? url.substring(0, url.indexOf('/')) : url)
                .map(ImagePurl::normalRegistry);
    }

    /**
     * The repository inside {@code registry} (the URL's registry, else the caller's default): the URL's path, with
     * the image's name added when the path stops before it; the {@code docker} type's namespace and name; an official
     * Docker Hub image under {@code library/}.
     */
    public String repositoryIn(String registry) {
        String path = docker ? "" : repositoryUrl.filter(url -> url.contains("/"))
                .map(url -> url.substring(url.indexOf('/') + 1).toLowerCase(Locale.ROOT)).orElse("");
        String repository;
        if (!path.isEmpty()) {
            repository = path.equals(name) || path.endsWith("/" + name) ? path : path + "/" + name;
        } else {
            repository = namespace.map(value -> value + "/" + name).orElse(name);
        }
        return normalRegistry(registry).equals(DOCKER_HUB) && !repository.contains("/") ? "library/" + repository
                : repository;
    }

    private static String normalRegistry(String registry) {
        String host = registry.toLowerCase(Locale.ROOT);
        return DOCKER_HUB_NAMES.contains(host) ? DOCKER_HUB : host;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}

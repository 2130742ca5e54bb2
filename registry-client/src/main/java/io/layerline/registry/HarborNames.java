package io.layerline.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Harbor's API v2.0 naming rules. */
public final class HarborNames {

    private HarborNames() {
    }

    /** The project of a repository ({@code library} in {@code library/nginx}). */
    public static String project(String repository) {
        int slash = repository.indexOf('/');
        return slash < 0 ? repository : repository.substring(0, slash);
    }

    /** The repository name inside its project ({@code nginx} in {@code library/nginx}). */
    public static String nameInProject(String repository) {
        int slash = repository.indexOf('/');
        return slash < 0 ? repository : repository.substring(slash + 1);
    }

    /**
     * The repository name as a path segment of {@code /projects/{project_name}/repositories/{repository_name}}:
     * Harbor wants it URL-encoded twice, so that {@code a/b} becomes {@code a%252Fb}.
     */
    public static String repositorySegment(String repository) {
        return encode(encode(nameInProject(repository)));
    }

    /** One path segment or query value, URL-encoded once. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

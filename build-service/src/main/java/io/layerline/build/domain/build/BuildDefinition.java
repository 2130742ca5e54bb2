package io.layerline.build.domain.build;

import java.util.List;
import java.util.Map;

/**
 * How to build an image of a repository: the stored recipe a rebuild reuses.
 *
 * @param registry   where the image is pushed, {@code host[:port]}
 * @param dockerfile the Dockerfile's path inside the context
 * @param target     the stage to build, or null for the last
 * @param tags       the tags pushed; at least one
 */
public record BuildDefinition(
        String registry,
        String repository,
        ContextSource context,
        String dockerfile,
        String target,
        Map<String, String> buildArgs,
        Map<String, String> labels,
        List<String> tags) {

    public BuildDefinition {
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
        tags = List.copyOf(tags);
    }

    /** {@code registry/repository:tag} for one of its tags. */
    public String reference(String tag) {
        return registry + "/" + repository + ":" + tag;
    }
}

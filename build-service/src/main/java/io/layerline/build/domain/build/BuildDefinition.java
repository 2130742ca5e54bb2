package io.layerline.build.domain.build;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to build an image of a repository: the stored recipe a rebuild reuses.
 *
 * @param registry   where the image is pushed, {@code host[:port]}
 * @param dockerfile the Dockerfile's path inside the context
 * @param target     the stage to build, or null for the last
 * @param tags       the tags pushed; at least one
 * @param stageTags  named stages pushed as images of their own: stage → {@code repository:tag} references in the same
 *                   registry (a builder image, say)
 * @param squash     whether what the Dockerfile adds is merged into one layer above the base's
 */
public record BuildDefinition(
        String registry,
        String repository,
        ContextSource context,
        String dockerfile,
        String target,
        Map<String, String> buildArgs,
        Map<String, String> labels,
        List<String> tags,
        Map<String, List<String>> stageTags,
        Squash squash) {

    public BuildDefinition {
        squash = squash == null ? Squash.NONE : squash;
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
        tags = List.copyOf(tags);
        Map<String, List<String>> copied = new TreeMap<>();
        stageTags.forEach((stage, references) -> copied.put(stage, List.copyOf(references)));
        stageTags = Collections.unmodifiableMap(copied);
    }

    /** {@code registry/repository:tag} for one of its tags. */
    public String reference(String tag) {
        return registry + "/" + repository + ":" + tag;
    }
}

package io.layerline.build.application;

import io.layerline.build.domain.build.BuildDefinition;
import io.layerline.build.domain.build.ContextSource;
import io.layerline.build.domain.reference.ImageReference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request to build an image: validated as a whole, every problem named with its field.
 *
 * @param registry     where to push; the configured registry when absent
 * @param contextId    an uploaded context, or
 * @param gitUrl       a git repository at {@code gitRef}
 */
public record SubmitBuild(String registry, String repository, String contextId, String gitUrl, String gitRef,
                          String dockerfile, String target, Map<String, String> buildArgs, Map<String, String> labels,
                          List<String> tags, String requestedBy) {

    public record FieldError(String field, String message) {
    }

    /** Null entries are kept, for {@link #problems} to name: a JSON body may hold them. */
    public SubmitBuild {
        buildArgs = buildArgs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        tags = tags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tags));
    }

    public List<FieldError> problems(String defaultRegistry, BuildContexts contexts) {
        List<FieldError> problems = new ArrayList<>();
        String pushTo = registry != null ? registry : defaultRegistry;
        if (pushTo == null || pushTo.isBlank()) {
            problems.add(new FieldError("registry", "is required: no default registry is configured"));
        }
        if (repository == null || repository.isBlank()) {
            problems.add(new FieldError("repository", "is required"));
        } else if (!ImageReference.isRepository(repository)) {
            problems.add(new FieldError("repository", "is not a repository name (lower-case path components)"));
        }
        if ((contextId == null) == (gitUrl == null)) {
            problems.add(new FieldError("context", "give exactly one of context.id (an uploaded archive) or "
                    + "context.git.url"));
        } else if (gitUrl != null) {
            contexts.refusal(gitUrl).ifPresent(reason -> problems.add(new FieldError("context.git.url", reason)));
        } else if (!contexts.exists(contextId)) {
            problems.add(new FieldError("context.id", "no uploaded context " + contextId));
        }
        if (dockerfile != null && (dockerfile.startsWith("/") || dockerfile.contains("..") || dockerfile.isBlank())) {
            problems.add(new FieldError("dockerfile", "must be a relative path inside the context"));
        }
        if (tags.isEmpty()) {
            problems.add(new FieldError("tags", "at least one tag is required"));
        }
        for (String tag : tags) {
            if (!ImageReference.isTag(tag)) {
                problems.add(new FieldError("tags", "'" + tag + "' is not a tag"));
            }
        }
        buildArgs.keySet().stream().filter(name -> !name.matches("[A-Za-z_][A-Za-z0-9_]*"))
                .forEach(name -> problems.add(new FieldError("buildArgs." + name, "is not an ARG name")));
        buildArgs.forEach((name, value) -> {
            if (value == null) {
                problems.add(new FieldError("buildArgs." + name, "must be a string"));
            }
        });
        labels.forEach((name, value) -> {
            if (value == null) {
                problems.add(new FieldError("labels." + name, "must be a string"));
            }
        });
        if (problems.isEmpty()) {
            try {
                ImageReference.parse(pushTo + "/" + repository + ":" + tags.get(0));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldError("registry", e.getMessage()));
            }
        }
        return problems;
    }

    /** Valid only when {@link #problems} is empty. */
    public BuildDefinition toDefinition(String defaultRegistry) {
        ContextSource context = contextId != null ? new ContextSource.Uploaded(contextId)
                : new ContextSource.Git(gitUrl, gitRef);
        return new BuildDefinition(registry != null ? registry : defaultRegistry, repository, context,
                dockerfile == null ? "Dockerfile" : dockerfile, target, buildArgs, labels, tags);
    }
}

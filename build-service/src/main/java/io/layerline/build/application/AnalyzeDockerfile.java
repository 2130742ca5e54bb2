package io.layerline.build.application;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Dockerfile to analyse, with its path (rules read environment names in it) and the build arguments its
 * {@code FROM}s are resolved with.
 */
public record AnalyzeDockerfile(String content, String path, Map<String, String> buildArgs) {

    static final int MAX_CONTENT = 500_000;

    public record FieldError(String field, String message) {
    }

    /** Null values are kept, for {@link #problems} to name: a JSON body may hold them. */
    public AnalyzeDockerfile {
        buildArgs = buildArgs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
    }

    /** Every reason the command cannot be analysed; empty when it can. */
    public List<FieldError> problems() {
        List<FieldError> problems = new ArrayList<>();
        if (content == null || content.isBlank()) {
            problems.add(new FieldError("content", "is required: the Dockerfile's text"));
        } else if (content.length() > MAX_CONTENT) {
            problems.add(new FieldError("content", "at most " + MAX_CONTENT + " characters"));
        }
        if (path != null && (path.length() > 500 || path.chars().anyMatch(Character::isISOControl))) {
            problems.add(new FieldError("path", "at most 500 characters, no control characters"));
        }
        buildArgs.forEach((name, value) -> {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
                problems.add(new FieldError("buildArgs." + name, "is not an ARG name"));
            } else if (value == null || value.length() > 4096) {
                problems.add(new FieldError("buildArgs." + name, "must be a string of at most 4096 characters"));
            }
        });
        return problems;
    }
}

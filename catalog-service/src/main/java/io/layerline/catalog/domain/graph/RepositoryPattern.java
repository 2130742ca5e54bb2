package io.layerline.catalog.domain.graph;

import java.util.regex.Pattern;

/**
 * A glob over full repository names ({@code registry/repository}): {@code *} matches any run of characters except
 * {@code /}, {@code **} any run including {@code /}. {@code harbor.example.com/runtime/*} matches every runtime
 * repository of that registry.
 */
public record RepositoryPattern(String glob) {

    public RepositoryPattern {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("a repository pattern must not be blank");
        }
    }

    public boolean matches(String repository) {
        return regex().matcher(repository).matches();
    }

    private Pattern regex() {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}

package io.layerline.catalog.domain.gate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What kind of base a repository is, from its name and tags: {@code runtime/temurin17:17.0.12} and
 * {@code runtime/jdk:17-alpine} are both {@code jdk-17}. Two standard bases of one kind are interchangeable, and a
 * platform wants few of them.
 */
public final class BaseKinds {

    private record Kind(Pattern pattern, String name) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(Pattern.compile("(?:jdk|jre|java|temurin|openjdk|corretto|zulu|liberica)[-_:.]?(\\d{1,2})(?!\\d)"),
                    "jdk-$1"),
            new Kind(Pattern.compile("node(?:js)?[-_:.]?(\\d{1,2})(?!\\d)"), "node-$1"),
            new Kind(Pattern.compile("python[-_:.]?(\\d)\\.?(\\d{1,2})(?!\\d)"), "python-$1.$2"),
            new Kind(Pattern.compile("(?:golang|go)[-_:.]?(\\d)\\.(\\d{1,2})(?!\\d)"), "go-$1.$2"),
            new Kind(Pattern.compile("dotnet[-_:.]?(?:runtime[-_:.]?|aspnet[-_:.]?)?(\\d{1,2})(?!\\d)"), "dotnet-$1"));

    private BaseKinds() {
    }

    /** The kind {@code repository} (its name, then each tag) is of, by the first name or tag that says. */
    public static Optional<String> of(String repository, List<String> tags) {
        String name = repository.substring(repository.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        List<String> candidates = Stream.concat(Stream.of(name),
                tags.stream().map(tag -> name + ":" + tag.toLowerCase(Locale.ROOT))).toList();
        for (Kind kind : KINDS) {
            for (String candidate : candidates) {
                Matcher found = kind.pattern().matcher(candidate);
                if (found.find()) {
                    String kindName = kind.name();
                    for (int group = 1; group <= found.groupCount(); group++) {
                        kindName = kindName.replace("$" + group, found.group(group));
                    }
                    return Optional.of(kindName);
                }
            }
        }
        return Optional.empty();
    }
}

package io.layerline.build.domain.dockerfile;

import java.util.List;
import java.util.Locale;

/**
 * One instruction as the builder sees it: continuation lines joined, comments inside them dropped, heredoc bodies
 * attached.
 *
 * @param line      the line it starts on, 1-based
 * @param keyword   upper-case: {@code RUN}, {@code COPY}…
 * @param flags     the leading {@code --name=value} options ({@code --mount=type=cache,target=/root/.m2})
 * @param arguments what follows the keyword and its flags
 * @param heredocs  the bodies of {@code <<EOF} documents, in order
 */
public record Instruction(int line, String keyword, List<String> flags, String arguments, List<String> heredocs) {

    public Instruction {
        keyword = keyword.toUpperCase(Locale.ROOT);
        flags = List.copyOf(flags);
        heredocs = List.copyOf(heredocs);
    }

    public boolean is(String name) {
        return keyword.equals(name);
    }

    /** Whether it adds a layer to the image: {@code RUN}, {@code COPY} and {@code ADD} do. */
    public boolean createsLayer() {
        return is("RUN") || is("COPY") || is("ADD");
    }

    /** The shell text it runs: its arguments and, for heredocs, their bodies. */
    public String script() {
        return heredocs.isEmpty() ? arguments : arguments + "\n" + String.join("\n", heredocs);
    }

    /** Whether the arguments are a JSON array (exec form) rather than a shell command. */
    public boolean execForm() {
        String trimmed = arguments.strip();
        return trimmed.startsWith("[") && trimmed.endsWith("]");
    }

    public boolean hasFlag(String prefix) {
        return flags.stream().anyMatch(flag -> flag.startsWith(prefix));
    }
}

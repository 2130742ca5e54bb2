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

    /** The command text it runs: its arguments (an exec-form array as words) and, for heredocs, their bodies. */
    public String script() {
        String command = execForm() ? String.join(" ", execArguments()) : arguments;
        return heredocs.isEmpty() ? command : command + "\n" + String.join("\n", heredocs);
    }

    /** The strings of an exec-form JSON array, unescaped; empty when it is not one. */
    public List<String> execArguments() {
        if (!execForm()) {
            return List.of();
        }
        List<String> words = new java.util.ArrayList<>();
        String array = arguments.strip();
        StringBuilder word = null;
        for (int i = 1; i < array.length() - 1; i++) {
            char c = array.charAt(i);
            if (word == null) {
                if (c == '"') {
                    word = new StringBuilder();
                }
            } else if (c == '\\' && i + 1 < array.length() - 1) {
                char next = array.charAt(++i);
                word.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
            } else if (c == '"') {
                words.add(word.toString());
                word = null;
            } else {
                word.append(c);
            }
        }
        return words;
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

package io.layerline.build.domain.dockerfile.rules;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Just enough shell reading for the rules: a script split into commands, a command into words. */
final class Shell {

    private static final Pattern SEPARATORS = Pattern.compile("&&|\\|\\||;|\\||\\n");

    private Shell() {
    }

    static List<String> commands(String script) {
        return Arrays.stream(SEPARATORS.split(script)).map(String::strip).filter(command -> !command.isEmpty())
                .toList();
    }

    static List<String> words(String command) {
        return Arrays.stream(command.strip().split("\\s+")).map(Shell::unquote).filter(word -> !word.isEmpty())
                .toList();
    }

    /**
     * The command's program, skipping {@code sudo}, {@code env X=y} and assignments in front, and reading
     * {@code busybox rm} as {@code rm}.
     */
    static String program(List<String> words) {
        for (String word : words) {
            String name = word.substring(word.lastIndexOf('/') + 1);
            if (name.equals("sudo") || name.equals("env") || name.equals("busybox")
                    || word.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                continue;
            }
            return name;
        }
        return "";
    }

    private static String unquote(String word) {
        return word.replaceAll("^[\"']|[\"']$", "");
    }
}

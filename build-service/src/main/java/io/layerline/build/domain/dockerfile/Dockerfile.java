package io.layerline.build.domain.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Dockerfile: parser directives, global {@code ARG}s and stages. Parsing follows the builder's rules:
 * directives only at the very top (an unknown one ends them, as a comment), the escape character they set (backslash or backtick) continuing lines, comment
 * lines dropped even inside a continuation, heredocs ({@code <<EOF}, {@code <<-EOF}, quoted delimiters) read up to
 * their delimiter, {@code ARG} values substituted into {@code FROM}.
 */
public final class Dockerfile {

    private static final Set<String> KNOWN_DIRECTIVES = Set.of("syntax", "escape", "check");
    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([a-zA-Z]+)\\s*=\\s*(\\S+)\\s*");
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\2");
    private static final Pattern FLAG = Pattern.compile("--[a-z][a-z-]*(=\\S*)?");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?}"
            + "|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private final Map<String, String> directives;
    private final List<Instruction> instructions;
    private final List<Stage> stages;
    private final List<String> problems;

    private Dockerfile(Map<String, String> directives, List<Instruction> instructions, List<Stage> stages,
                       List<String> problems) {
        this.directives = directives;
        this.instructions = instructions;
        this.stages = stages;
        this.problems = problems;
    }

    /**
     * @param buildArgs values given for {@code ARG}s at build time; they win over the Dockerfile's defaults
     */
    public static Dockerfile parse(String text, Map<String, String> buildArgs) {
        List<String> lines = text.lines().toList();
        Map<String, String> directives = new HashMap<>();
        int i = 0;
        while (i < lines.size()) {
            Matcher directive = DIRECTIVE.matcher(lines.get(i));
            if (!directive.matches() || !KNOWN_DIRECTIVES.contains(directive.group(1).toLowerCase(Locale.ROOT))
                    || directives.containsKey(directive.group(1).toLowerCase(Locale.ROOT))) {
                break;
            }
            directives.put(directive.group(1).toLowerCase(Locale.ROOT), directive.group(2));
            i++;
        }
        char escape = "`".equals(directives.get("escape")) ? '`' : '\\';
        List<Instruction> instructions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder logical = new StringBuilder();
            String current = line;
            while (true) {
                String stripped = current.stripTrailing();
                if (!stripped.isEmpty() && stripped.charAt(stripped.length() - 1) == escape && i + 1 < lines.size()) {
                    logical.append(stripped, 0, stripped.length() - 1).append(' ');
                    i++;
                    while (i < lines.size() && (lines.get(i).isBlank() || lines.get(i).stripLeading().startsWith("#"))) {
                        i++;
                    }
                    if (i >= lines.size()) {
                        break;
                    }
                    current = lines.get(i);
                } else {
                    logical.append(stripped.endsWith(String.valueOf(escape))
                            ? stripped.substring(0, stripped.length() - 1) : current);
                    break;
                }
            }
            i++;
            String statement = logical.toString().strip();
            int space = indexOfWhitespace(statement);
            String keyword = space < 0 ? statement : statement.substring(0, space);
            String rest = space < 0 ? "" : statement.substring(space).strip();
            List<String> heredocs = new ArrayList<>();
            if (keyword.equalsIgnoreCase("RUN") || keyword.equalsIgnoreCase("COPY")
                    || keyword.equalsIgnoreCase("ADD")) {
                Matcher heredoc = HEREDOC.matcher(rest);
                while (heredoc.find()) {
                    boolean stripTabs = !heredoc.group(1).isEmpty();
                    String delimiter = heredoc.group(3);
                    StringBuilder body = new StringBuilder();
                    boolean closed = false;
                    while (i < lines.size()) {
                        String bodyLine = lines.get(i++);
                        String compared = stripTabs ? bodyLine.replaceFirst("^\\t+", "") : bodyLine;
                        if (compared.equals(delimiter)) {
                            closed = true;
                            break;
                        }
                        body.append(compared).append('\n');
                    }
                    if (!closed) {
                        problems.add("line " + (start + 1) + ": heredoc " + delimiter + " is never closed");
                    }
                    heredocs.add(body.toString());
                }
            }
            List<String> flags = new ArrayList<>();
            while (true) {
                Matcher flag = FLAG.matcher(rest);
                if (!flag.lookingAt()) {
                    break;
                }
                flags.add(flag.group());
                rest = rest.substring(flag.end()).strip();
            }
            if (!keyword.matches("[A-Za-z]+")) {
                problems.add("line " + (start + 1) + ": '" + keyword + "' is not an instruction");
                continue;
            }
            instructions.add(new Instruction(start + 1, keyword, flags, rest, heredocs));
        }
        List<Stage> stages = stages(instructions, buildArgs, problems);
        return new Dockerfile(Map.copyOf(directives), List.copyOf(instructions), stages, List.copyOf(problems));
    }

    private static List<Stage> stages(List<Instruction> instructions, Map<String, String> buildArgs,
                                      List<String> problems) {
        Map<String, String> globalArgs = new HashMap<>();
        List<Stage> stages = new ArrayList<>();
        Instruction from = null;
        List<Instruction> body = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction.is("FROM")) {
                if (from != null) {
                    stages.add(stage(stages, from, body, globalArgs, problems));
                }
                from = instruction;
                body = new ArrayList<>();
            } else if (from == null) {
                if (instruction.is("ARG")) {
                    String[] arg = instruction.arguments().split("=", 2);
                    String name = arg[0].strip();
                    globalArgs.put(name, buildArgs.getOrDefault(name, arg.length > 1 ? unquote(arg[1].strip())
                            : null));
                } else {
                    problems.add("line " + instruction.line() + ": " + instruction.keyword()
                            + " before the first FROM");
                }
            } else {
                body.add(instruction);
            }
        }
        if (from != null) {
            stages.add(stage(stages, from, body, globalArgs, problems));
        } else {
            problems.add("no FROM instruction");
        }
        return List.copyOf(stages);
    }

    private static Stage stage(List<Stage> earlier, Instruction from, List<Instruction> body,
                               Map<String, String> args, List<String> problems) {
        String[] words = from.arguments().split("\\s+");
        String written = words[0];
        String name = null;
        if (words.length >= 3 && words[1].equalsIgnoreCase("AS")) {
            name = words[2];
        } else if (words.length != 1 || written.isEmpty()) {
            problems.add("line " + from.line() + ": FROM takes an image and an optional AS name");
        }
        String base = substitute(written, args);
        int baseStage = -1;
        for (Stage stage : earlier) {
            if (base.equalsIgnoreCase(stage.name()) || base.equals(String.valueOf(stage.index()))) {
                baseStage = stage.index();
            }
        }
        return new Stage(earlier.size(), name, from, written, base, baseStage, body);
    }

    /** {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR:+alternative}}; unknown ones stay. */
    static String substitute(String text, Map<String, String> args) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1) != null ? variable.group(1) : variable.group(4);
            String value = args.get(name);
            String replacement;
            if ("-".equals(variable.group(2))) {
                replacement = value == null || value.isEmpty() ? variable.group(3) : value;
            } else if ("+".equals(variable.group(2))) {
                replacement = value == null || value.isEmpty() ? "" : variable.group(3);
            } else {
                replacement = value == null ? variable.group() : value;
            }
            variable.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        variable.appendTail(result);
        return result.toString();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'")) ? value.substring(1, value.length() - 1) : value;
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    public Map<String, String> directives() {
        return directives;
    }

    public List<Instruction> instructions() {
        return instructions;
    }

    public List<Stage> stages() {
        return stages;
    }

    /** What the builder would refuse or warn about: unknown syntax, instructions before FROM, open heredocs. */
    public List<String> problems() {
        return problems;
    }

    public Optional<Stage> finalStage() {
        return stages.isEmpty() ? Optional.empty() : Optional.of(stages.get(stages.size() - 1));
    }

    /** The image the final stage ultimately builds on, following stage references: {@code scratch} included. */
    public Optional<String> finalBase() {
        Optional<Stage> stage = finalStage();
        while (stage.isPresent() && stage.get().baseStage() >= 0) {
            stage = Optional.of(stages.get(stage.get().baseStage()));
        }
        return stage.map(Stage::base);
    }
}

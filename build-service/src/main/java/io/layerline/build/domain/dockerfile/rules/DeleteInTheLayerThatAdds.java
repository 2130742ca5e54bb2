package io.layerline.build.domain.dockerfile.rules;

import io.layerline.build.domain.dockerfile.Dockerfile;
import io.layerline.build.domain.dockerfile.DockerfileRule;
import io.layerline.build.domain.dockerfile.Finding;
import io.layerline.build.domain.dockerfile.Instruction;
import io.layerline.build.domain.dockerfile.Stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A file added in one layer and deleted in a later one still ships: the earlier layer keeps it. Files come from
 * {@code COPY}/{@code ADD} destinations and downloads ({@code curl -o}, {@code wget -O}); deletions from {@code rm}.
 */
public final class DeleteInTheLayerThatAdds implements DockerfileRule {

    @Override
    public List<Finding> check(Dockerfile dockerfile, Context context) {
        List<Finding> findings = new ArrayList<>();
        for (Stage stage : dockerfile.stages()) {
            Map<String, Integer> addedAt = new LinkedHashMap<>();
            for (Instruction instruction : stage.instructions()) {
                if (instruction.is("RUN")) {
                    for (String command : Shell.commands(instruction.script())) {
                        List<String> words = Shell.words(command);
                        if (Shell.program(words).equals("rm")) {
                            deleted(words, instruction.line(), addedAt, findings);
                        }
                        downloaded(words).ifPresent(path -> addedAt.putIfAbsent(path, instruction.line()));
                    }
                } else if ((instruction.is("COPY") || instruction.is("ADD")) && !instruction.hasFlag("--from")) {
                    List<String> paths = Paths.of(instruction);
                    if (paths.size() >= 2) {
                        String destination = paths.get(paths.size() - 1);
                        for (String source : paths.subList(0, paths.size() - 1)) {
                            String added = destination.endsWith("/")
                                    ? destination + source.substring(source.lastIndexOf('/') + 1) : destination;
                            addedAt.putIfAbsent(added, instruction.line());
                        }
                    }
                }
            }
        }
        return findings;
    }

    /** Reports what an {@code rm} deletes that an earlier layer added; forgets it either way. */
    private static void deleted(List<String> words, int line, Map<String, Integer> addedAt, List<Finding> findings) {
        int rm = 0;
        while (rm < words.size() && !words.get(rm).endsWith("rm")) {
            rm++;
        }
        for (String target : words.subList(Math.min(rm + 1, words.size()), words.size())) {
            if (target.startsWith("-")) {
                continue;
            }
            addedAt.entrySet().removeIf(added -> {
                if (!covers(target, added.getKey())) {
                    return false;
                }
                if (added.getValue() < line) {
                    findings.add(new Finding("LL007", Finding.Severity.WARNING, line, added.getKey()
                            + " is deleted here but was added on line " + added.getValue()
                            + "; its layer still ships it",
                            "add and delete it in the same RUN, or copy it into a builder stage", null));
                }
                return true;
            });
        }
    }

    /** The absolute path a {@code curl -o} or {@code wget -O} writes. */
    private static Optional<String> downloaded(List<String> words) {
        String program = Shell.program(words);
        String option = program.equals("curl") ? "-o" : program.equals("wget") ? "-O" : null;
        int at = option == null ? -1 : words.indexOf(option);
        return at >= 0 && at + 1 < words.size() && words.get(at + 1).startsWith("/")
                ? Optional.of(words.get(at + 1)) : Optional.empty();
    }

    /** Whether deleting {@code target} removes {@code path}: the same path, or a directory above it. */
    private static boolean covers(String target, String path) {
        String directory = target.endsWith("/") ? target : target + "/";
        String glob = target.endsWith("*") ? target.substring(0, target.length() - 1) : null;
        return path.equals(target) || path.startsWith(directory) || glob != null && path.startsWith(glob);
    }
}

package io.layerline.build.domain.dockerfile.rules;

import io.layerline.build.domain.dockerfile.Instruction;

import java.util.ArrayList;
import java.util.List;

/** The paths of a {@code COPY} or {@code ADD}, in shell or JSON form: sources, then the destination last. */
final class Paths {

    private Paths() {
    }

    static List<String> of(Instruction instruction) {
        String arguments = instruction.arguments().strip();
        List<String> paths = new ArrayList<>();
        if (instruction.execForm()) {
            for (String part : arguments.substring(1, arguments.length() - 1).split(",")) {
                String path = part.strip().replaceAll("^\"|\"$", "");
                if (!path.isEmpty()) {
                    paths.add(path);
                }
            }
        } else {
            paths.addAll(Shell.words(arguments));
        }
        return paths;
    }
}

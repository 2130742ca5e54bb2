package io.layerline.build.domain.dockerfile.rules;

import io.layerline.build.domain.dockerfile.Dockerfile;
import io.layerline.build.domain.dockerfile.DockerfileRule;
import io.layerline.build.domain.dockerfile.Finding;
import io.layerline.build.domain.dockerfile.Instruction;
import io.layerline.build.domain.dockerfile.Stage;

import java.util.List;
import java.util.Set;

/** The final image should run as a user of its own; root inside a container is root on a shared kernel. */
public final class DoNotRunAsRoot implements DockerfileRule {

    private static final Set<String> ROOT = Set.of("root", "0", "root:root", "0:0", "root:0", "0:root");

    @Override
    public List<Finding> check(Dockerfile dockerfile, Context context) {
        Stage stage = dockerfile.finalStage().orElse(null);
        Instruction lastUser = null;
        while (stage != null && lastUser == null) {
            lastUser = stage.instructions().stream().filter(instruction -> instruction.is("USER"))
                    .reduce((first, second) -> second).orElse(null);
            stage = stage.baseStage() >= 0 ? dockerfile.stages().get(stage.baseStage()) : null;
        }
        if (lastUser == null) {
            int line = dockerfile.finalStage().map(last -> last.from().line()).orElse(0);
            return dockerfile.finalStage().isEmpty() ? List.of() : List.of(new Finding("LL009",
                    Finding.Severity.WARNING, line, "the final stage sets no USER, so it runs as its base's user "
                    + "(root unless the base says otherwise)", "add USER with a non-root user or uid", null));
        }
        if (ROOT.contains(lastUser.arguments().strip())) {
            return List.of(new Finding("LL009", Finding.Severity.WARNING, lastUser.line(),
                    "the last USER is root", "switch to a non-root user or uid after the steps that need root",
                    "DL3002"));
        }
        return List.of();
    }
}

package io.layerline.build.domain.dockerfile.rules;

import io.layerline.build.domain.dockerfile.Dockerfile;
import io.layerline.build.domain.dockerfile.DockerfileRule;
import io.layerline.build.domain.dockerfile.Finding;

import java.util.List;

/**
 * In shell form, {@code CMD} and {@code ENTRYPOINT} run under {@code /bin/sh -c}: the shell is PID 1, the
 * application never sees SIGTERM and is killed after the grace period.
 */
public final class UseExecFormForCmdAndEntrypoint implements DockerfileRule {

    @Override
    public List<Finding> check(Dockerfile dockerfile, Context context) {
        return dockerfile.finalStage().stream().flatMap(stage -> stage.instructions().stream())
                .filter(instruction -> (instruction.is("CMD") || instruction.is("ENTRYPOINT"))
                        && !instruction.execForm())
                .map(instruction -> new Finding("LL010", Finding.Severity.WARNING, instruction.line(),
                        instruction.keyword() + " in shell form: the shell is PID 1 and the application gets no "
                                + "signals", "write it as a JSON array: " + instruction.keyword()
                        + " [\"executable\", \"argument\"]", "DL3025"))
                .toList();
    }

}

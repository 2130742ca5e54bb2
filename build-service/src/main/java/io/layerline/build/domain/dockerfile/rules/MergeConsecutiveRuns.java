package io.layerline.build.domain.dockerfile.rules;

import io.layerline.build.domain.dockerfile.Dockerfile;
import io.layerline.build.domain.dockerfile.DockerfileRule;
import io.layerline.build.domain.dockerfile.Finding;
import io.layerline.build.domain.dockerfile.Instruction;
import io.layerline.build.domain.dockerfile.Stage;

import java.util.ArrayList;
import java.util.List;

/** Consecutive {@code RUN}s make a layer each where one would do. */
public final class MergeConsecutiveRuns implements DockerfileRule {

    @Override
    public List<Finding> check(Dockerfile dockerfile, Context context) {
        List<Finding> findings = new ArrayList<>();
        for (Stage stage : dockerfile.stages()) {
            Instruction previous = null;
            for (Instruction instruction : stage.instructions()) {
                if (instruction.is("RUN") && previous != null && previous.is("RUN")
                        && instruction.flags().equals(previous.flags())) {
                    findings.add(new Finding("LL001", Finding.Severity.INFO, instruction.line(),
                            "RUN follows the RUN on line " + previous.line() + ": two layers where one would do",
                            "join the commands with && in one RUN (or a heredoc)", "DL3059"));
                }
                previous = instruction;
            }
        }
        return findings;
    }
}

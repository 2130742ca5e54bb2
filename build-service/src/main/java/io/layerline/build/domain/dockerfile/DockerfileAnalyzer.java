package io.layerline.build.domain.dockerfile;

import io.layerline.build.domain.dockerfile.rules.CleanPackageCachesInTheSameLayer;
import io.layerline.build.domain.dockerfile.rules.CopyRatherThanAdd;
import io.layerline.build.domain.dockerfile.rules.DeleteInTheLayerThatAdds;
import io.layerline.build.domain.dockerfile.rules.DoNotRunAsRoot;
import io.layerline.build.domain.dockerfile.rules.DropBuildToolsFromTheFinalStage;
import io.layerline.build.domain.dockerfile.rules.MergeConsecutiveRuns;
import io.layerline.build.domain.dockerfile.rules.OneImageForAllEnvironments;
import io.layerline.build.domain.dockerfile.rules.PinTheBase;
import io.layerline.build.domain.dockerfile.rules.SquashManyLayersOntoTheBase;
import io.layerline.build.domain.dockerfile.rules.UseAllowedRegistries;
import io.layerline.build.domain.dockerfile.rules.UseExecFormForCmdAndEntrypoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Parses a Dockerfile and runs every rule over it; what cannot be parsed is reported as {@code LL000}. */
public final class DockerfileAnalyzer {

    public static final List<DockerfileRule> RULES = List.of(new MergeConsecutiveRuns(),
            new CleanPackageCachesInTheSameLayer(), new DropBuildToolsFromTheFinalStage(), new CopyRatherThanAdd(),
            new PinTheBase(), new UseAllowedRegistries(), new DeleteInTheLayerThatAdds(),
            new OneImageForAllEnvironments(), new DoNotRunAsRoot(), new UseExecFormForCmdAndEntrypoint(),
            new SquashManyLayersOntoTheBase());

    private DockerfileAnalyzer() {
    }

    public static DockerfileAnalysis analyze(String text, Map<String, String> buildArgs,
                                             DockerfileRule.Context context) {
        Dockerfile dockerfile = Dockerfile.parse(text, buildArgs);
        List<Finding> findings = new ArrayList<>();
        for (String problem : dockerfile.problems()) {
            int line = problem.startsWith("line ") ? Integer.parseInt(problem.substring(5, problem.indexOf(':'))) : 0;
            findings.add(new Finding("LL000", Finding.Severity.ERROR, line, problem,
                    "fix the syntax; the builder would refuse or misread this", null));
        }
        RULES.forEach(rule -> findings.addAll(rule.check(dockerfile, context)));
        findings.sort(Comparator.comparingInt(Finding::line).thenComparing(Finding::rule));
        List<Stage> stages = dockerfile.stages();
        List<DockerfileAnalysis.StageSummary> summaries = stages.stream()
                .map(stage -> new DockerfileAnalysis.StageSummary(stage.index(), stage.name(), stage.from().line(),
                        stage.written(), stage.base(), stage.baseStage(), stage.layerInstructions(),
                        stage.index() == stages.size() - 1))
                .toList();
        return new DockerfileAnalysis(summaries, dockerfile.finalBase().orElse(null),
                dockerfile.finalStage().map(Stage::layerInstructions).orElse(0L), List.copyOf(findings));
    }
}

package io.layerline.build.domain.dockerfile.rules;

import io.layerline.build.domain.dockerfile.Dockerfile;
import io.layerline.build.domain.dockerfile.DockerfileRule;
import io.layerline.build.domain.dockerfile.Finding;
import io.layerline.build.domain.dockerfile.Instruction;
import io.layerline.build.domain.dockerfile.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Compilers and build tools in the final stage ship with the application; a builder stage would leave them behind. */
public final class DropBuildToolsFromTheFinalStage implements DockerfileRule {

    private static final Set<String> TOOLS = Set.of("mvn", "mvnw", "gradle", "gradlew", "gcc", "g++", "cc", "make",
            "javac", "cargo", "rustc", "tsc");
    private static final Set<String> PACKAGES = Set.of("maven", "gradle", "golang", "golang-go", "go", "gcc", "g++",
            "build-essential", "make", "openjdk-17-jdk", "openjdk-21-jdk", "nodejs-dev", "cargo", "rustc");

    @Override
    public List<Finding> check(Dockerfile dockerfile, Context context) {
        List<Finding> findings = new ArrayList<>();
        Stage last = dockerfile.finalStage().orElse(null);
        if (last == null) {
            return findings;
        }
        for (Instruction run : last.instructions()) {
            if (!run.is("RUN")) {
                continue;
            }
            for (String command : Shell.commands(run.script())) {
                List<String> words = Shell.words(command);
                String program = Shell.program(words);
                String tool = null;
                if (TOOLS.contains(program)) {
                    tool = program;
                } else if (program.equals("go") && words.contains("build")) {
                    tool = "go build";
                } else if ((program.equals("npm") || program.equals("yarn")) && words.contains("build")) {
                    tool = program + " run build";
                } else if (installs(program, words)) {
                    tool = words.stream().filter(PACKAGES::contains).findFirst().orElse(null);
                }
                if (tool != null) {
                    findings.add(new Finding("LL003", Finding.Severity.WARNING, run.line(),
                            tool + " runs in the final stage, so the build tools ship in the image",
                            "build in a builder stage (FROM … AS build) and COPY --from=build only the result", null));
                    break;
                }
            }
        }
        return findings;
    }

    private static boolean installs(String program, List<String> words) {
        return (program.equals("apt-get") || program.equals("apt") || program.equals("yum")
                || program.equals("dnf") || program.equals("microdnf")) && words.contains("install")
                || program.equals("apk") && words.contains("add");
    }
}

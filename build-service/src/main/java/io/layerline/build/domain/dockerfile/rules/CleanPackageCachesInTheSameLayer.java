package io.layerline.build.domain.dockerfile.rules;

import io.layerline.build.domain.dockerfile.Dockerfile;
import io.layerline.build.domain.dockerfile.DockerfileRule;
import io.layerline.build.domain.dockerfile.Finding;
import io.layerline.build.domain.dockerfile.Instruction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A package manager's cache written in a layer ships in that layer unless the same {@code RUN} removes it (or a
 * cache mount keeps it out of the image).
 */
public final class CleanPackageCachesInTheSameLayer implements DockerfileRule {

    private record Manager(String name, String installs, String cleaned, String cacheDirectory, String hint,
                           String hadolint) {
    }

    private static final List<Manager> MANAGERS = List.of(
            new Manager("apt-get", "(^|\\s)apt(-get)?\\s+(-\\S+\\s+)*install\\b", "rm -rf /var/lib/apt/lists",
                    "/var/lib/apt", "end the RUN with && rm -rf /var/lib/apt/lists/*", "DL3009"),
            new Manager("apk", "(^|\\s)apk\\s+(-\\S+\\s+)*add\\b", "--no-cache", "/var/cache/apk",
                    "use apk add --no-cache", "DL3019"),
            new Manager("yum", "(^|\\s)yum\\s+(-\\S+\\s+)*install\\b", "yum clean all", "/var/cache/yum",
                    "end the RUN with && yum clean all", "DL3032"),
            new Manager("dnf", "(^|\\s)(micro)?dnf\\s+(-\\S+\\s+)*install\\b", "dnf clean all", "/var/cache/dnf",
                    "end the RUN with && dnf clean all", "DL3040"),
            new Manager("pip", "(^|\\s)pip3?\\s+install\\b", "--no-cache-dir", "/root/.cache/pip",
                    "use pip install --no-cache-dir", "DL3042"),
            new Manager("npm", "(^|\\s)npm\\s+(install|ci|i)\\b", "npm cache clean", "/root/.npm",
                    "end the RUN with && npm cache clean --force, or use a cache mount", null),
            new Manager("yarn", "(^|\\s)yarn(\\s+install\\b|\\s*(&&|;|$))", "yarn cache clean", "/usr/local/share/.cache/yarn",
                    "end the RUN with && yarn cache clean", "DL3060"));

    @Override
    public List<Finding> check(Dockerfile dockerfile, Context context) {
        List<Finding> findings = new ArrayList<>();
        for (Instruction run : dockerfile.instructions()) {
            if (!run.is("RUN")) {
                continue;
            }
            String script = run.script();
            for (Manager manager : MANAGERS) {
                boolean installs = Pattern.compile(manager.installs(), Pattern.MULTILINE).matcher(script).find();
                boolean cleaned = script.contains(manager.cleaned())
                        || manager.name().equals("dnf") && script.contains("microdnf clean all")
                        || run.flags().stream().anyMatch(flag -> flag.startsWith("--mount=type=cache")
                        && flag.contains(manager.cacheDirectory()));
                if (installs && !cleaned) {
                    findings.add(new Finding("LL002", Finding.Severity.WARNING, run.line(),
                            manager.name() + " leaves its package cache in this layer", manager.hint(),
                            manager.hadolint()));
                }
            }
        }
        return findings;
    }
}

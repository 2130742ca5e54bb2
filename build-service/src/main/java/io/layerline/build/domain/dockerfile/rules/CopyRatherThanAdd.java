package io.layerline.build.domain.dockerfile.rules;

import io.layerline.build.domain.dockerfile.Dockerfile;
import io.layerline.build.domain.dockerfile.DockerfileRule;
import io.layerline.build.domain.dockerfile.Finding;
import io.layerline.build.domain.dockerfile.Instruction;

import java.util.ArrayList;
import java.util.List;

/** {@code ADD} fetches URLs and unpacks archives; for plain files it is a surprising {@code COPY}. */
public final class CopyRatherThanAdd implements DockerfileRule {

    @Override
    public List<Finding> check(Dockerfile dockerfile, Context context) {
        List<Finding> findings = new ArrayList<>();
        for (Instruction add : dockerfile.instructions()) {
            if (!add.is("ADD") || !add.heredocs().isEmpty()) {
                continue;
            }
            List<String> paths = Paths.of(add);
            List<String> sources = paths.subList(0, Math.max(0, paths.size() - 1));
            if (!sources.isEmpty() && sources.stream().noneMatch(CopyRatherThanAdd::needsAdd)) {
                findings.add(new Finding("LL004", Finding.Severity.WARNING, add.line(),
                        "ADD of local files, where COPY does the same without unpacking surprises",
                        "use COPY", "DL3020"));
            }
        }
        return findings;
    }

    private static boolean needsAdd(String source) {
        String lower = source.toLowerCase();
        return lower.matches("^(https?|git)://.*") || lower.startsWith("git@")
                || lower.matches(".*\\.(tar|tar\\.gz|tgz|tar\\.bz2|tbz2|tar\\.xz|txz|tar\\.zst)$");
    }
}

package io.layerline.build.domain.dockerfile.rules;

import io.layerline.build.domain.dockerfile.Dockerfile;
import io.layerline.build.domain.dockerfile.DockerfileRule;
import io.layerline.build.domain.dockerfile.Finding;
import io.layerline.build.domain.dockerfile.Stage;
import io.layerline.build.domain.reference.ImageReference;

import java.util.ArrayList;
import java.util.List;

/** A base without a tag, or tagged {@code latest}, changes under the build without anyone deciding it. */
public final class PinTheBase implements DockerfileRule {

    @Override
    public List<Finding> check(Dockerfile dockerfile, Context context) {
        List<Finding> findings = new ArrayList<>();
        for (Stage stage : dockerfile.stages()) {
            ImageReference reference = BaseReferences.parse(stage);
            if (reference == null || !reference.floatsOnLatest()) {
                continue;
            }
            String base = stage.base();
            if (reference.tag().isEmpty()) {
                findings.add(new Finding("LL005", Finding.Severity.WARNING, stage.from().line(),
                        "base " + base + " has no tag, so it means latest", "name a version tag, or a digest",
                        "DL3006"));
            } else {
                findings.add(new Finding("LL005", Finding.Severity.WARNING, stage.from().line(),
                        "base " + base + " is tagged latest", "name a version tag, or a digest", "DL3007"));
            }
        }
        return findings;
    }
}

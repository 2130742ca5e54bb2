package io.layerline.build.domain.dockerfile.rules;

import io.layerline.build.domain.dockerfile.Dockerfile;
import io.layerline.build.domain.dockerfile.DockerfileRule;
import io.layerline.build.domain.dockerfile.Finding;
import io.layerline.build.domain.dockerfile.Stage;
import io.layerline.build.domain.reference.ImageReference;

import java.util.ArrayList;
import java.util.List;

/** Bases come from the registries the platform team allows, when it names some. */
public final class UseAllowedRegistries implements DockerfileRule {

    @Override
    public List<Finding> check(Dockerfile dockerfile, Context context) {
        List<Finding> findings = new ArrayList<>();
        if (context.allowedRegistries().isEmpty()) {
            return findings;
        }
        for (Stage stage : dockerfile.stages()) {
            if (stage.baseStage() >= 0 || stage.isScratch() || stage.base().contains("$")) {
                continue;
            }
            ImageReference reference = BaseReferences.parse(stage);
            if (reference != null && !context.allowedRegistries().contains(reference.registry())) {
                findings.add(new Finding("LL006", Finding.Severity.ERROR, stage.from().line(),
                        "base " + stage.base() + " comes from " + reference.registry() + ", not an allowed registry",
                        "use a base from " + String.join(", ", context.allowedRegistries()), "DL3026"));
            }
        }
        return findings;
    }
}

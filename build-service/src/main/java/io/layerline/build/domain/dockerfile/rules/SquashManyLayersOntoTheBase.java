package io.layerline.build.domain.dockerfile.rules;

import io.layerline.build.domain.dockerfile.Dockerfile;
import io.layerline.build.domain.dockerfile.DockerfileRule;
import io.layerline.build.domain.dockerfile.Finding;
import io.layerline.build.domain.dockerfile.Stage;

import java.util.List;

/**
 * A final stage that puts many layers on its base: each ships its own tar, and what one deletes or overwrites of
 * another still ships. Squashed onto the base, the base's layers stay shared and the rest is one layer.
 */
public final class SquashManyLayersOntoTheBase implements DockerfileRule {

    /** From this many layers above the base, the finding is made. */
    static final int LAYERS = 5;

    @Override
    public List<Finding> check(Dockerfile dockerfile, Context context) {
        return dockerfile.finalStage().filter(stage -> stage.layerInstructions() >= LAYERS)
                .map(stage -> List.of(finding(stage))).orElse(List.of());
    }

    private static Finding finding(Stage stage) {
        return new Finding("LL011", Finding.Severity.INFO, stage.from().line(), "the final stage adds "
                + stage.layerInstructions() + " layers to its base",
                "build it with \"squash\": \"onto-base\": the base's layers stay shared and everything above them "
                        + "ships as one layer, without what later steps delete or overwrite", null);
    }
}

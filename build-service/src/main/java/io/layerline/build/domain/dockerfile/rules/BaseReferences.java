package io.layerline.build.domain.dockerfile.rules;

import io.layerline.build.domain.dockerfile.Stage;
import io.layerline.build.domain.reference.ImageReference;

/** A stage's base as an image reference, when it names one: not another stage, scratch or an unset ARG. */
final class BaseReferences {

    private BaseReferences() {
    }

    static ImageReference parse(Stage stage) {
        if (stage.baseStage() >= 0 || stage.isScratch() || stage.base().contains("$")) {
            return null;
        }
        try {
            return ImageReference.parse(stage.base());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package io.layerline.build.application.port;

import io.layerline.build.application.BuildFailure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A Docker Engine API that builds images from a context and pushes them. Both calls honour interruption. */
public interface BuildEngine {

    /**
     * @param context    a tar archive of the build context
     * @param references the names to tag the image with, {@code registry/repository:tag}
     */
    record Spec(Path context, String dockerfile, String target, Map<String, String> buildArgs,
                Map<String, String> labels, List<String> references) {
    }

    /** Builds and tags the image; each line of the engine's output goes to {@code log}. The image id. */
    String build(Spec spec, Consumer<String> log) throws BuildFailure;

    void push(String reference, Consumer<String> log) throws BuildFailure;
}

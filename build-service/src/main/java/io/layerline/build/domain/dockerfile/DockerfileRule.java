package io.layerline.build.domain.dockerfile;

import java.util.List;

/** One thing a Dockerfile should or should not do. */
public interface DockerfileRule {

    List<Finding> check(Dockerfile dockerfile, Context context);

    /**
     * What a rule may need beside the file.
     *
     * @param path               the Dockerfile's path in its context, e.g. {@code build.prod.Dockerfile}
     * @param allowedRegistries  registries bases may come from; empty allows any
     */
    record Context(String path, List<String> allowedRegistries) {

        public Context {
            allowedRegistries = List.copyOf(allowedRegistries);
        }
    }
}

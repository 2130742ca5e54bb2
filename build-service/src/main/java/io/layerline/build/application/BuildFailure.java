package io.layerline.build.application;

/** Why a build step or a registry read failed, in words for the people reading the build. */
public class BuildFailure extends Exception {

    public BuildFailure(String message) {
        super(message);
    }

    public BuildFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

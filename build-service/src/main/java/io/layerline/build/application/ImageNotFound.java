package io.layerline.build.application;

/** The registry answered that it holds no such image. */
public class ImageNotFound extends BuildFailure {

    public ImageNotFound(String message) {
        super(message);
    }
}

package io.layerline.build.application;

/** A layer of an image with the instruction that created it, from the image config's history. */
public record ImageLayer(String digest, long size, String createdBy) {
}

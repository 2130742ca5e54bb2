package io.layerline.catalog.application;

/** The base of one build stage. */
public record StageBase(int stageIndex, String reference, String digest, boolean finalStage) {
}

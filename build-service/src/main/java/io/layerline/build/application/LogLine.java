package io.layerline.build.application;

/** A line of a build's log, with its number. */
public record LogLine(long number, String text) {
}

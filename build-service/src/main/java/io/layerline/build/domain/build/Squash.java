package io.layerline.build.domain.build;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Whether a build squashes what its Dockerfile adds: {@code onto-base} merges it into one layer above the base's. */
public enum Squash {
    NONE,
    ONTO_BASE;

    /** As a request writes it: {@code none}, {@code onto-base}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Squash> parse(String wireName) {
        return Arrays.stream(values()).filter(squash -> squash.wireName().equals(wireName)).findFirst();
    }
}

package io.layerline.catalog.application;

import java.util.function.Predicate;

/** The repositories no cascade rebuilds: their owners rebuild them by hand. */
public record CascadeExclusions(Predicate<String> excluded) {
}

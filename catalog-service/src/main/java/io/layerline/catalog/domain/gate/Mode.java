package io.layerline.catalog.domain.gate;

import java.util.Locale;
import java.util.Optional;

/** What breaking a rule does: fail the evaluation, warn, or nothing (the rule is not checked). */
public enum Mode {
    ENFORCE, WARN, OFF;

    public static Optional<Mode> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "enforce" -> Optional.of(ENFORCE);
            case "warn" -> Optional.of(WARN);
            case "off" -> Optional.of(OFF);
            default -> Optional.empty();
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

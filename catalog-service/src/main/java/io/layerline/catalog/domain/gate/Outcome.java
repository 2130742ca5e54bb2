package io.layerline.catalog.domain.gate;

import java.util.Locale;

/** An evaluation's answer, and each rule's: in this order of severity. */
public enum Outcome {
    PASS, WARN, FAIL;

    public Outcome worst(Outcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

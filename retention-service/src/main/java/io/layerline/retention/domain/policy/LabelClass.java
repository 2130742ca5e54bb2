package io.layerline.retention.domain.policy;

import java.util.Collection;

/**
 * The promotion an image has earned, by its highest label: the class whose quota keeps it.
 * {@code prod} outranks {@code maybe_prod}, which outranks no promotion label at all.
 */
public enum LabelClass {
    UNLABELLED(null),
    MAYBE_PROD("maybe_prod"),
    PROD("prod");

    private final String label;

    LabelClass(String label) {
        this.label = label;
    }

    /** The class of an image carrying {@code labels}; labels that are not promotion labels do not count. */
    public static LabelClass of(Collection<String> labels) {
        if (labels.contains(PROD.label)) {
            return PROD;
        }
        return labels.contains(MAYBE_PROD.label) ? MAYBE_PROD : UNLABELLED;
    }
}

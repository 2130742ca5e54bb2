package io.layerline.retention.domain.policy;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The promotion an image has earned, by its highest label: the class whose quota keeps it.
 * {@code prod} outranks {@code maybe_prod}, which outranks no promotion label at all.
 */
public enum LabelClass {
    UNLABELLED(null, "without a promotion label"),
    MAYBE_PROD("maybe_prod", "whose highest label is maybe_prod"),
    PROD("prod", "labelled prod");

    private final String label;
    private final String description;

    LabelClass(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The class of an image carrying {@code labels}; labels that are not promotion labels do not count. */
    public static LabelClass of(Collection<String> labels) {
        if (labels.contains(PROD.label)) {
            return PROD;
        }
        return labels.contains(MAYBE_PROD.label) ? MAYBE_PROD : UNLABELLED;
    }

    /** The class a policy names: {@code unlabelled} (or {@code none}), {@code maybe_prod}, {@code prod}. */
    public static Optional<LabelClass> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "unlabelled", "none" -> Optional.of(UNLABELLED);
            case "maybe_prod" -> Optional.of(MAYBE_PROD);
            case "prod" -> Optional.of(PROD);
            default -> Optional.empty();
        };
    }

    /** How the class reads in a sentence, e.g. "labelled prod". */
    public String describe() {
        return description;
    }
}

package io.layerline.promotion.domain.label;

/** What a deployment did to the labels of its image. */
public sealed interface PromotionOutcome {

    /** The image earned {@code label}, which it did not carry before. */
    record Promoted(String label) implements PromotionOutcome {
    }

    /** The labels stay as they are, for {@code reason}. */
    record Unchanged(String reason) implements PromotionOutcome {
    }
}

package io.layerline.retention.application;

import io.layerline.retention.domain.plan.ItemAction;

/**
 * Which items of a plan are asked for; each absent (null) part matches every item.
 *
 * @param repository the exact repository (with {@code registry}, in that registry only)
 * @param text       text the repository's name contains, in any case
 * @param reasonKind a {@code KeepReason} or {@code DeleteReason} name
 * @param labelClass a {@code LabelClass} name
 */
public record ItemFilter(ItemAction action, String registry, String repository, String text, String reasonKind,
                         String labelClass) {

    public static final ItemFilter ALL = new ItemFilter(null, null, null, null, null, null);

    public static ItemFilter of(ItemAction action) {
        return new ItemFilter(action, null, null, null, null, null);
    }
}

package io.layerline.retention.application;

import io.layerline.retention.domain.plan.ItemAction;
import io.layerline.retention.domain.plan.ItemState;

import java.util.Map;

/**
 * The items of a plan that share a repository, an action and a reason kind, with their totals: how a plan of many
 * thousand items is reviewed.
 *
 * @param reasonKind absent for items of plans made before kinds were stored
 * @param size       the bytes their blobs add up to
 * @param ownBytes   what deleting them frees
 * @param states     how many are in each state: for deletions, how far the apply got
 */
public record PlanGroup(String registry, String repository, ItemAction action, String reasonKind, int items,
                        long size, long ownBytes, Map<ItemState, Integer> states) {
}

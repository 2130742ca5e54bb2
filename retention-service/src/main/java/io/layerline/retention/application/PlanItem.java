package io.layerline.retention.application;

import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.plan.Decision;
import io.layerline.retention.domain.plan.ItemAction;
import io.layerline.retention.domain.plan.ItemState;
import io.layerline.retention.domain.policy.LabelClass;

import java.time.Instant;
import java.util.Set;

/**
 * One artifact of a stored plan: what the plan does with it ({@code KEEP} or {@code DELETE}), why, under which
 * policy version, and, for a deletion, how far its execution got ({@code PENDING}, {@code DELETED}, {@code SKIPPED},
 * {@code FAILED}).
 *
 * @param size     the bytes of every blob it names
 * @param ownBytes what deleting it frees: the blobs no kept artifact names (0 for what is kept)
 * @param kind     image, index, signature, attestation, sbom, referrers or artifact
 * @param policyId   absent when no policy governed its repository
 * @param reasonKind the kind of {@code reasons} it is grouped under ({@link Decision#reasonKind()}); absent in plans
 *                   made before kinds were stored
 * @param labelClass its {@link LabelClass}; absent in plans made before classes were stored
 * @param restorableUntil until when its deletion can be undone; null unless it is deleted and its window is open
 * @param subject    the digest it refers to (a signature's or an SBOM's image), when known
 */
public record PlanItem(int seq, ArtifactId artifact, Set<String> tags, long size, long ownBytes, String kind,
                       String policyId, int policyVersion, ItemAction action, String reasons, String reasonKind,
                       String labelClass, ItemState state, String detail, Instant updatedAt,
                       Instant restorableUntil, String subject) {
}

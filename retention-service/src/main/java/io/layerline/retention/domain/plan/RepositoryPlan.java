package io.layerline.retention.domain.plan;

import io.layerline.retention.domain.inventory.RepositoryId;

import java.util.List;

/**
 * The plan for one repository: what is kept and why, what is deleted and why, and the bytes that frees.
 *
 * @param policyId absent when no policy governs the repository, in which case everything is kept
 * @param deleted  in the order to delete them: referrers before their subject, an index before its children
 */
public record RepositoryPlan(RepositoryId repository, String policyId, int policyVersion, List<Decision> kept,
                             List<Decision> deleted) {

    public RepositoryPlan {
        kept = List.copyOf(kept);
        deleted = List.copyOf(deleted);
    }

    /** The bytes the deletions free: blobs no kept artifact names. */
    public long bytesToReclaim() {
        return deleted.stream().mapToLong(Decision::ownBytes).sum();
    }
}

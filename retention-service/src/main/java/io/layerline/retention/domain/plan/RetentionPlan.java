package io.layerline.retention.domain.plan;

import io.layerline.retention.domain.inventory.Artifact;

import java.util.List;

/** A dry run: for every repository, what would be kept and what deleted. Executing it is someone else's job. */
public record RetentionPlan(List<RepositoryPlan> repositories) {

    public RetentionPlan {
        repositories = List.copyOf(repositories);
    }

    public List<Artifact> deletions() {
        return repositories.stream().flatMap(plan -> plan.deleted().stream()).map(Decision::artifact).toList();
    }

    public long bytesToReclaim() {
        return repositories.stream().mapToLong(RepositoryPlan::bytesToReclaim).sum();
    }
}

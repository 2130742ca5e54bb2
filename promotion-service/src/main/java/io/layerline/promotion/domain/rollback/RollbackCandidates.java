package io.layerline.promotion.domain.rollback;

import io.layerline.promotion.domain.deployment.Deployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The images a service can roll back to in one environment. */
public final class RollbackCandidates {

    private RollbackCandidates() {
    }

    /**
     * The last {@code limit} distinct digests that were successfully deployed, newest first, without the one
     * running now; each with the last time it was deployed and by whom.
     *
     * @param history the deployments of one service in one environment, in any order
     * @param current the digest running now, if any
     */
    public static List<RollbackCandidate> of(List<Deployment> history, Optional<String> current, int limit) {
        List<Deployment> newestFirst = history.stream()
                .filter(Deployment::succeeded)
                .sorted(Comparator.comparing(Deployment::finishedAt).reversed()
                        .thenComparing(Deployment::externalId))
                .toList();
        Set<String> seen = new HashSet<>();
        current.ifPresent(seen::add);
        List<RollbackCandidate> candidates = new ArrayList<>();
        for (Deployment deployment : newestFirst) {
            if (candidates.size() == limit) {
                break;
            }
            if (seen.add(deployment.image().digest())) {
                candidates.add(new RollbackCandidate(deployment.image().registry(), deployment.image().repository(),
                        deployment.image().digest(), deployment.image().tag(), deployment.finishedAt(),
                        deployment.deployer(), deployment.externalId()));
            }
        }
        return candidates;
    }
}

package io.layerline.promotion.domain;

import io.layerline.promotion.domain.deployment.Deployment;
import io.layerline.promotion.domain.rollback.RollbackCandidate;
import io.layerline.promotion.domain.rollback.RollbackCandidates;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static io.layerline.promotion.domain.Deployments.aDeployment;
import static io.layerline.promotion.domain.Deployments.digest;
import static org.assertj.core.api.Assertions.assertThat;

class RollbackCandidatesTest {

    @Test
    void listsTheLastDistinctSuccessfulDigestsNewestFirstWithoutTheCurrentOne() {
        List<Deployment> history = List.of(
                aDeployment().id("1").of("a").finishedMinutesAgo(50).build(),
                aDeployment().id("2").of("b").finishedMinutesAgo(40).build(),
                aDeployment().id("3").of("c").finishedMinutesAgo(30).failed().build(),
                aDeployment().id("4").of("a").finishedMinutesAgo(20).build(),
                aDeployment().id("5").of("d").finishedMinutesAgo(10).build());

        List<RollbackCandidate> candidates = RollbackCandidates.of(history, Optional.of(digest("d")), 10);

        assertThat(candidates).extracting(RollbackCandidate::digest).containsExactly(digest("a"), digest("b"));
        assertThat(candidates.get(0).deploymentId()).isEqualTo("4");
        assertThat(candidates.get(0).deployedAt()).isEqualTo(Deployments.NOW.minusSeconds(20 * 60));
        assertThat(candidates.get(0).deployer()).contains("argocd");
    }

    @Property
    void neverListsTheCurrentDigestAFailureOrADigestTwiceAndRespectsTheLimit(
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 8) Integer> digests,
            @ForAll @IntRange(min = 0, max = 12) int limit,
            @ForAll long seed) {
        List<Deployment> history = new ArrayList<>();
        for (int i = 0; i < digests.size(); i++) {
            var deployment = aDeployment().id("d" + i).of("x" + digests.get(i)).finishedMinutesAgo(1000 - i);
            history.add(i % 5 == 4 ? deployment.failed().build() : deployment.build());
        }
        Collections.shuffle(history, new Random(seed));
        Optional<String> current = Optional.of(digest("x0"));

        List<RollbackCandidate> candidates = RollbackCandidates.of(history, current, limit);

        assertThat(candidates.size()).isLessThanOrEqualTo(limit);
        assertThat(candidates).extracting(RollbackCandidate::digest).doesNotHaveDuplicates().doesNotContain(digest("x0"));
        assertThat(candidates).extracting(RollbackCandidate::deployedAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(candidates).allMatch(candidate -> history.stream().anyMatch(d -> d.succeeded()
                && d.externalId().equals(candidate.deploymentId())));
        List<Deployment> reordered = new ArrayList<>(history);
        Collections.reverse(reordered);
        assertThat(RollbackCandidates.of(reordered, current, limit)).isEqualTo(candidates);
    }
}

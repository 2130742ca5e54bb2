package io.layerline.build.domain.build;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BuildTest {

    private static final Instant QUEUED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant STARTED = QUEUED.plusSeconds(5);
    private static final Instant ENDED = QUEUED.plusSeconds(60);

    private final Build queued = Build.queued(new BuildDefinition("registry.example", "team/api",
            new ContextSource.Git("https://git.example/team/api.git", "main"), "Dockerfile", null, Map.of(), Map.of(),
            List.of("1.0"), Map.of(), Squash.NONE), "alice", null, null, null, QUEUED);

    @Test
    void aBuildRunsAndIsPushedWithItsTimesAndDigest() {
        Build running = queued.start(STARTED).orElseThrow();
        Build pushed = running.pushed("sha256:abc", ENDED).orElseThrow();

        assertThat(queued.state()).isEqualTo(BuildState.QUEUED);
        assertThat(running).extracting(Build::state, Build::startedAt, Build::finishedAt)
                .containsExactly(BuildState.RUNNING, STARTED, null);
        assertThat(pushed).extracting(Build::state, Build::startedAt, Build::finishedAt, Build::digest, Build::reason)
                .containsExactly(BuildState.PUSHED, STARTED, ENDED, "sha256:abc", null);
        assertThat(pushed.id()).isEqualTo(queued.id());
    }

    @Test
    void aQueuedOrRunningBuildFailsOrIsCancelledWithItsReason() {
        assertThat(queued.fail("no definition", ENDED)).get()
                .extracting(Build::state, Build::reason, Build::startedAt, Build::finishedAt)
                .containsExactly(BuildState.FAILED, "no definition", null, ENDED);
        Build running = queued.start(STARTED).orElseThrow();
        assertThat(running.fail("timed out after PT30M", ENDED)).get()
                .extracting(Build::state, Build::reason).containsExactly(BuildState.FAILED, "timed out after PT30M");
        assertThat(running.cancel(ENDED)).get().extracting(Build::state, Build::reason, Build::finishedAt)
                .containsExactly(BuildState.CANCELLED, Build.CANCELLED, ENDED);
    }

    @Test
    void anEndedBuildMovesNoFurtherAndAQueuedOneIsNotPushed() {
        Build pushed = queued.start(STARTED).flatMap(running -> running.pushed("sha256:abc", ENDED)).orElseThrow();
        Build failed = queued.fail("broken", ENDED).orElseThrow();
        Build cancelled = queued.cancel(ENDED).orElseThrow();

        for (Build ended : List.of(pushed, failed, cancelled)) {
            assertThat(ended.state().isFinal()).isTrue();
            assertThat(ended.start(ENDED)).isEmpty();
            assertThat(ended.fail("again", ENDED)).isEmpty();
            assertThat(ended.cancel(ENDED)).isEmpty();
            assertThat(ended.pushed("sha256:def", ENDED)).isEmpty();
        }
        assertThat(queued.pushed("sha256:abc", ENDED)).isEmpty();
        assertThat(queued.start(STARTED).flatMap(running -> running.start(ENDED))).isEqualTo(Optional.empty());
    }
}

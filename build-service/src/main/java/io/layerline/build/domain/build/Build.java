package io.layerline.build.domain.build;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One build and the state machine it goes through: queued → running → pushed, or failed / cancelled on the way. Each
 * move gives the build as it is afterwards, or nothing when its state does not allow the move; storing the move is
 * the caller's, on the condition that the stored build is still in the state it moved from.
 *
 * @param reason              why it failed or was cancelled
 * @param cascadeId           the rebuild cascade that asked for it, if any
 * @param requestedBaseDigest the base digest that cascade asked for
 * @param digest              the pushed image's digest, once pushed
 * @param reproductionOf      the earlier build this one rebuilds to check that it reproduces, if any
 */
public record Build(UUID id, BuildDefinition definition, BuildState state, String reason, String requestedBy,
                    String cascadeId, String requestedBaseDigest, Instant queuedAt, Instant startedAt,
                    Instant finishedAt, String digest, UUID reproductionOf) {

    /** The reason a cancelled build gives. */
    public static final String CANCELLED = "cancelled";

    /** A new build, queued at {@code at}. */
    public static Build queued(BuildDefinition definition, String requestedBy, String cascadeId,
                               String requestedBaseDigest, UUID reproductionOf, Instant at) {
        return new Build(UUID.randomUUID(), definition, BuildState.QUEUED, null, requestedBy, cascadeId,
                requestedBaseDigest, at, null, null, null, reproductionOf);
    }

    /** A queued build taken up by a worker. */
    public Optional<Build> start(Instant at) {
        return move(BuildState.RUNNING, null, null, at);
    }

    /** A running build whose image was pushed as {@code pushedDigest}. */
    public Optional<Build> pushed(String pushedDigest, Instant at) {
        return move(BuildState.PUSHED, null, pushedDigest, at);
    }

    /** A queued or running build that failed, and why. */
    public Optional<Build> fail(String why, Instant at) {
        return move(BuildState.FAILED, why, null, at);
    }

    /** A queued or running build someone cancelled. */
    public Optional<Build> cancel(Instant at) {
        return move(BuildState.CANCELLED, CANCELLED, null, at);
    }

    private Optional<Build> move(BuildState next, String why, String pushedDigest, Instant at) {
        if (!state.mayBecome(next)) {
            return Optional.empty();
        }
        return Optional.of(new Build(id, definition, next, why, requestedBy, cascadeId, requestedBaseDigest, queuedAt,
                next == BuildState.RUNNING ? at : startedAt, next.isFinal() ? at : finishedAt,
                pushedDigest != null ? pushedDigest : digest, reproductionOf));
    }
}

package io.layerline.build.application;

import io.layerline.build.domain.build.BuildState;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Cancels a queued or running build; a running one is interrupted where it is. */
@Singleton
public class CancelBuild {

    private final Builds builds;
    private final BuildEvents events;
    private final BuildWorker worker;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    CancelBuild(Builds builds, BuildEvents events, BuildWorker worker, TransactionOperations<Connection> transactions,
                Clock clock) {
        this.builds = builds;
        this.events = events;
        this.worker = worker;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Cancels a queued or running build, announced as failed so a cascade waiting for it stops; whether it was. */
    public boolean cancel(UUID id) {
        Optional<BuildRecord> build = transactions.executeRead(status -> builds.find(id));
        if (build.isEmpty() || build.get().state().isFinal()) {
            return false;
        }
        Instant now = clock.instant();
        boolean cancelled = transactions.executeWrite(status -> {
            boolean moved = builds.transition(id, build.get().state(), BuildState.CANCELLED, "cancelled", now);
            if (moved) {
                events.buildFailed(List.of(new BuildEvents.Failure(build.get(), "cancelled")), now);
            }
            return moved;
        });
        worker.interrupt(id);
        return cancelled;
    }
}

package io.layerline.build.application;

import io.layerline.build.application.port.BuildEvents;
import io.layerline.build.application.port.Builds;
import io.layerline.build.domain.build.Build;
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

    /** What asking to cancel gave. */
    public sealed interface Outcome permits Cancelled, Unknown, Ended {
    }

    /** The build as cancelled. */
    public record Cancelled(Build build) implements Outcome {
    }

    public record Unknown() implements Outcome {
    }

    /** The build had ended before: it stays as it is. */
    public record Ended(Build build) implements Outcome {
    }

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

    /** Cancels the build, announced as failed so a cascade waiting for it stops. */
    public Outcome cancel(UUID id) {
        Instant now = clock.instant();
        Outcome outcome = transactions.executeWrite(status -> {
            Optional<Build> build = builds.find(id);
            if (build.isEmpty()) {
                return new Unknown();
            }
            Optional<Build> cancelled = build.get().cancel(now)
                    .filter(next -> builds.update(next, build.get().state()));
            cancelled.ifPresent(next -> events.buildFailed(List.of(next), now));
            return cancelled.<Outcome>map(Cancelled::new)
                    .orElseGet(() -> new Ended(builds.find(id).orElse(build.get())));
        });
        if (outcome instanceof Cancelled) {
            worker.interrupt(id);
        }
        return outcome;
    }
}

package io.layerline.build.application;

import io.layerline.build.application.port.BuildEvents;
import io.layerline.build.application.port.Builds;
import io.layerline.build.domain.build.BuildState;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * At start: builds that were running when the service stopped are failed (announced, so a cascade waiting for them
 * stops), queued ones are handed to the {@link BuildWorker} again.
 */
@Singleton
public class BuildRecovery implements ApplicationEventListener<ServerStartupEvent> {

    private static final String STOPPED = "the build-service stopped during the build";

    private final Builds builds;
    private final BuildEvents events;
    private final BuildWorker worker;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    BuildRecovery(Builds builds, BuildEvents events, BuildWorker worker,
                  TransactionOperations<Connection> transactions, Clock clock) {
        this.builds = builds;
        this.events = events;
        this.worker = worker;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        Instant now = clock.instant();
        for (UUID id : transactions.executeRead(status -> builds.inState(BuildState.RUNNING))) {
            transactions.executeWrite(status -> {
                builds.find(id).flatMap(build -> build.fail(STOPPED, now))
                        .filter(failed -> builds.update(failed, BuildState.RUNNING))
                        .ifPresent(failed -> events.buildFailed(List.of(failed), now));
                return null;
            });
        }
        transactions.executeRead(status -> builds.inState(BuildState.QUEUED)).forEach(worker::schedule);
    }
}

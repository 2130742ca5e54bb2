package io.layerline.build.application;

import io.layerline.build.application.port.BuildEvents;
import io.layerline.build.application.port.Builds;
import io.layerline.build.domain.build.Build;
import io.layerline.build.domain.build.BuildDefinition;
import io.layerline.build.domain.build.ContextSource;
import io.layerline.build.domain.build.Squash;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rebuilds repositories from their stored definitions for cascades. A repository without a definition is built
 * elsewhere: its build fails at once, so the cascade stops there rather than waiting.
 */
@Singleton
public class RebuildRepositories {

    /** A rebuild a cascade asked for: the repository, on the new digest of the base that moved. */
    public record Request(String registry, String repository, String cascadeId, String newBaseDigest) {
    }

    private final Builds builds;
    private final SubmitBuild submit;
    private final BuildEvents events;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    RebuildRepositories(Builds builds, SubmitBuild submit, BuildEvents events,
                        TransactionOperations<Connection> transactions, Clock clock) {
        this.builds = builds;
        this.submit = submit;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Queues the rebuilds in this order, joining the caller's transaction; failures written with a batch each. */
    public void rebuild(List<Request> requests) {
        Map<Builds.Repository, BuildDefinition> definitions = builds.definitions(requests.stream()
                .map(request -> new Builds.Repository(request.registry(), request.repository()))
                .collect(Collectors.toSet()));
        Instant now = clock.instant();
        List<Build> failed = new ArrayList<>();
        for (Request request : requests) {
            BuildDefinition definition = definitions.get(new Builds.Repository(request.registry(),
                    request.repository()));
            String requestedBy = "cascade " + request.cascadeId();
            if (definition != null) {
                submit.queue(definition, requestedBy, request.cascadeId(), request.newBaseDigest(), null);
                continue;
            }
            BuildDefinition none = new BuildDefinition(request.registry(), request.repository(),
                    new ContextSource.Uploaded("none"), "Dockerfile", null, Map.of(), Map.of(), List.of("latest"),
                    Map.of(), Squash.NONE);
            failed.add(Build.queued(none, requestedBy, request.cascadeId(), request.newBaseDigest(), null, now)
                    .fail("no build definition for " + request.registry() + "/" + request.repository()
                            + ": it is built elsewhere", now).orElseThrow());
        }
        if (!failed.isEmpty()) {
            transactions.executeWrite(status -> {
                builds.create(failed);
                events.buildFailed(failed, now);
                return null;
            });
        }
    }
}

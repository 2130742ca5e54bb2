package io.layerline.build.application;

import io.layerline.build.domain.build.BuildDefinition;
import io.layerline.build.domain.build.BuildState;
import io.layerline.build.domain.build.ContextSource;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Queues builds: asked for over the API, to check that a pushed build reproduces, or by a cascade rebuilding a
 * repository from its stored definition. A queued build is handed to the {@link BuildWorker} once its row commits.
 */
@Singleton
public class QueueBuilds {

    /** What asking for a build gave. */
    public sealed interface SubmitOutcome permits Queued, Refused {
    }

    public record Queued(BuildRecord build) implements SubmitOutcome {
    }

    public record Refused(String field, String reason) implements SubmitOutcome {
    }

    private final Builds builds;
    private final BuildContexts contexts;
    private final BuildEvents events;
    private final BuildWorker worker;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    QueueBuilds(Builds builds, BuildContexts contexts, BuildEvents events, BuildWorker worker,
                TransactionOperations<Connection> transactions, Clock clock) {
        this.builds = builds;
        this.contexts = contexts;
        this.events = events;
        this.worker = worker;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Queues a build of {@code definition}; for a rebuild, with the cascade that asked and the base it wants. */
    public SubmitOutcome submit(BuildDefinition definition, String requestedBy, String cascadeId,
                                String requestedBaseDigest) {
        return submit(definition, requestedBy, cascadeId, requestedBaseDigest, null);
    }

    /**
     * Rebuilds a pushed build's definition, with the same creation time, and records whether the image comes out
     * the same — and if not, which layers differ.
     */
    public SubmitOutcome reproduce(UUID original, String requestedBy) {
        Optional<BuildRecord> build = transactions.executeRead(status -> builds.find(original));
        if (build.isEmpty()) {
            return new Refused("id", "no build " + original);
        }
        if (build.get().state() != BuildState.PUSHED) {
            return new Refused("state", "only a pushed build can be reproduced; this one is "
                    + build.get().state().name().toLowerCase());
        }
        return submit(build.get().definition(), requestedBy, null, null, original);
    }

    private SubmitOutcome submit(BuildDefinition definition, String requestedBy, String cascadeId,
                                 String requestedBaseDigest, UUID reproductionOf) {
        if (definition.context() instanceof ContextSource.Uploaded uploaded
                && !contexts.exists(uploaded.id())) {
            return new Refused("context.id", "no uploaded context " + uploaded.id());
        }
        Instant now = clock.instant();
        BuildRecord build = new BuildRecord(UUID.randomUUID(), definition, BuildState.QUEUED, null, requestedBy,
                cascadeId, requestedBaseDigest, now, null, null, null, reproductionOf);
        transactions.executeWrite(status -> {
            builds.create(List.of(build));
            builds.saveDefinition(definition, now);
            status.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.schedule(build.id());
                }
            });
            return null;
        });
        return new Queued(build);
    }

    /** A rebuild a cascade asked for: the repository, on the new digest of the base that moved. */
    public record RebuildRequest(String registry, String repository, String cascadeId, String newBaseDigest) {
    }

    /**
     * Rebuilds repositories from their stored definitions for cascades, in this order, joining the caller's
     * transaction. A repository without a definition is built elsewhere: its build fails at once, so the cascade stops
     * there rather than waiting; those failures are written together, with a JDBC batch per table.
     */
    public void rebuild(List<RebuildRequest> requests) {
        Map<Builds.Repository, BuildDefinition> definitions = builds.definitions(requests.stream()
                .map(request -> new Builds.Repository(request.registry(), request.repository()))
                .collect(Collectors.toSet()));
        Instant now = clock.instant();
        List<BuildEvents.Failure> failures = new ArrayList<>();
        for (RebuildRequest request : requests) {
            BuildDefinition definition = definitions.get(new Builds.Repository(request.registry(),
                    request.repository()));
            String requestedBy = "cascade " + request.cascadeId();
            if (definition != null) {
                submit(definition, requestedBy, request.cascadeId(), request.newBaseDigest());
                continue;
            }
            String reason = "no build definition for " + request.registry() + "/" + request.repository()
                    + ": it is built elsewhere";
            failures.add(new BuildEvents.Failure(new BuildRecord(UUID.randomUUID(), new BuildDefinition(
                    request.registry(), request.repository(), new ContextSource.Uploaded("none"), "Dockerfile", null,
                    Map.of(), Map.of(), List.of("latest")), BuildState.FAILED, reason, requestedBy,
                    request.cascadeId(), request.newBaseDigest(), now, null, now, null, null), reason));
        }
        if (!failures.isEmpty()) {
            transactions.executeWrite(status -> {
                builds.create(failures.stream().map(BuildEvents.Failure::build).toList());
                events.buildFailed(failures, now);
                return null;
            });
        }
    }
}

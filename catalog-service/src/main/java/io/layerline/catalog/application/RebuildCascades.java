package io.layerline.catalog.application;

import io.layerline.catalog.application.port.Cascades;
import io.layerline.catalog.application.port.Catalog;
import io.layerline.catalog.application.port.RebuildEvents;
import io.layerline.catalog.domain.cascade.Cascade;
import io.layerline.catalog.domain.graph.BaseEdge;
import io.layerline.catalog.domain.graph.ImageGraph;
import io.layerline.catalog.domain.graph.ImageNode;
import io.layerline.catalog.domain.graph.RebuildWaves;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Starts a cascade when a tag other images build on moves, and carries it on as rebuilds are reported: each request
 * goes out through the outbox in the transaction that made it due.
 */
@Singleton
public class RebuildCascades {

    private final Catalog catalog;
    private final Cascades cascades;
    private final GraphIndex index;
    private final RebuildEvents events;
    private final CascadeExclusions exclusions;
    private final Clock clock;

    RebuildCascades(Catalog catalog, Cascades cascades, GraphIndex index, RebuildEvents events,
                    CascadeExclusions exclusions, Clock clock) {
        this.catalog = catalog;
        this.cascades = cascades;
        this.index = index;
        this.events = events;
        this.exclusions = exclusions;
        this.clock = clock;
    }

    /** Records a built image as the rebuild cascades waited for, if it is one; whether it was. */
    @Transactional
    public boolean rebuilt(String repository, String digest, Set<String> baseDigests, Instant at) {
        boolean awaited = false;
        for (String id : cascades.awaiting(repository)) {
            Optional<Cascade> cascade = cascades.lock(id);
            if (cascade.isPresent()
                    && apply(cascade.get(), c -> c.rebuilt(repository, digest, baseDigests, at), at)
                    instanceof Cascade.Applied) {
                awaited = true;
            }
        }
        return awaited;
    }

    /** Those of these repositories ({@code registry/repository}) whose rebuild some cascade awaits. */
    public Set<String> awaited(Set<String> repositories) {
        return repositories.isEmpty() ? Set.of() : cascades.awaited(repositories);
    }

    /** A requested build failed: the cascade stops below that repository. Without a cascade id, every one does. */
    @Transactional
    public void failed(String repository, String cascadeId, String reason, Instant at) {
        List<String> ids = cascadeId != null ? List.of(cascadeId) : cascades.awaiting(repository);
        for (String id : ids) {
            cascades.lock(id).ifPresent(cascade -> apply(cascade, c -> c.failed(repository, reason, at), at));
        }
    }

    /** A tag moved to a new digest: if images build on it, a cascade starts with its first wave. */
    @Transactional
    public Optional<Cascade> baseMoved(String registry, String repository, Catalog.TagMove move, String newDigest,
                                       Instant at) {
        Map<String, StageBase> dependants = new HashMap<>(catalog.dependantsOfTag(registry, repository,
                move.tag()));
        dependants.values().removeIf(base -> newDigest.equals(base.digest()));
        if (dependants.isEmpty()) {
            return Optional.empty();
        }
        String base = registry + "/" + repository;
        List<Cascade.Planned> planned = index.read(graph -> plan(graph, base, dependants));
        if (planned.isEmpty()) {
            return Optional.empty();
        }
        String reference = base + ":" + move.tag();
        Cascade cascade = Cascade.plan(UUID.randomUUID().toString(), new Cascade.BaseChange(registry, repository,
                move.tag(), reference, move.previousDigest(), newDigest), planned, exclusions.excluded(), at);
        List<Cascade.Request> requests = cascade.start(at);
        cascades.create(cascade);
        events.baseImageUpdated(cascade, (int) planned.stream().filter(p -> p.wave() == 1).count(), at);
        requests.forEach(request -> events.rebuildRequested(cascade, request, at));
        return Optional.of(cascade);
    }

    /** Empty when there is no such cascade. */
    @Transactional
    public Optional<Cascade.Outcome> pause(String id) {
        Instant now = clock.instant();
        return cascades.lock(id).map(cascade -> apply(cascade, c -> c.pause(now), now));
    }

    @Transactional
    public Optional<Cascade.Outcome> resume(String id) {
        Instant now = clock.instant();
        return cascades.lock(id).map(cascade -> apply(cascade, c -> c.resume(now), now));
    }

    @Transactional
    public Optional<Cascade.Outcome> exclude(String id, String repository, String by) {
        Instant now = clock.instant();
        return cascades.lock(id).map(cascade -> apply(cascade, c -> c.exclude(repository, by, now), now));
    }

    @ReadOnly
    public Optional<Cascade> find(String id) {
        return cascades.find(id);
    }

    @ReadOnly
    public List<Cascade> list(Cascade.Status status, String before, int limit) {
        return cascades.list(status, before, limit);
    }

    private Cascade.Outcome apply(Cascade cascade, Function<Cascade, Cascade.Outcome> command, Instant at) {
        Cascade.Outcome outcome = command.apply(cascade);
        if (outcome instanceof Cascade.Applied applied) {
            cascades.save(cascade);
            applied.requested().forEach(request -> events.rebuildRequested(cascade, request, at));
        }
        return outcome;
    }

    /**
     * The repositories whose newest image builds on the moved tag, directly or through others, each with its wave and
     * what it waits for.
     */
    private static List<Cascade.Planned> plan(ImageGraph graph, String base, Map<String, StageBase> dependants) {
        Map<String, String> affected = new TreeMap<>();
        Map<String, StageBase> directBase = new HashMap<>();
        graph.heads().forEach((repository, digest) -> {
            if (dependants.containsKey(digest) && !repository.equals(base)) {
                affected.put(repository, digest);
                directBase.put(repository, dependants.get(digest));
            }
        });
        if (affected.isEmpty()) {
            return List.of();
        }
        Set<String> below = graph.descendants(affected.values());
        graph.heads().forEach((repository, digest) -> {
            if (below.contains(digest) && !repository.equals(base)) {
                affected.putIfAbsent(repository, digest);
            }
        });
        Map<String, Set<String>> dependencies = new HashMap<>();
        graph.repositoryDependencies(affected.values()).forEach((repository, bases) -> {
            Set<String> inCascade = new HashSet<>(bases);
            inCascade.retainAll(affected.keySet());
            dependencies.put(repository, inCascade);
        });
        directBase.keySet().forEach(repository -> dependencies.get(repository).add(base));
        RebuildWaves<String> waves = RebuildWaves.of(dependencies, Set.of(base));
        List<Cascade.Planned> planned = new ArrayList<>();
        affected.forEach((repository, digest) -> {
            StageBase direct = directBase.get(repository);
            Optional<BaseEdge> finalEdge = graph.finalBase(digest);
            String finalBase = direct != null && direct.finalStage() ? base
                    : finalEdge.flatMap(edge -> graph.node(edge.base())).map(ImageNode::repository).orElse(null);
            String reference = direct != null && direct.finalStage() ? direct.reference()
                    : finalEdge.map(BaseEdge::reference).orElse(null);
            planned.add(new Cascade.Planned(repository, waves.waveOf(repository), digest,
                    dependencies.get(repository), finalBase, reference));
        });
        return planned;
    }
}

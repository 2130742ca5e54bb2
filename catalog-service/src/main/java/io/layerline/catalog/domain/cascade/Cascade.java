package io.layerline.catalog.domain.cascade;

import io.layerline.catalog.domain.cascade.CascadeItem.State;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A rebuild cascade started by a base tag moving to a new digest. Only what can be rebuilt now is requested: wave 1
 * at the start; an item of a later wave once everything it builds on inside the cascade is settled and at least one
 * of them was rebuilt. A failed build stops the cascade below it: what builds on it is skipped, never requested.
 * Paused, the cascade still records rebuilds but requests nothing new.
 */
public final class Cascade {

    public enum Status { RUNNING, PAUSED, FINISHED }

    /** The base tag that moved: the cascade's root, rebuilt by definition. */
    public record BaseChange(String registry, String repository, String tag, String reference, String previousDigest,
                             String newDigest) {

        public String repositoryName() {
            return registry + "/" + repository;
        }
    }

    /** A repository to rebuild as the impact analysis found it; wave 0 means it sits in a dependency cycle. */
    public record Planned(String repository, int wave, String currentDigest, Set<String> dependsOn, String finalBase,
                          String baseReference) {
    }

    /** A rebuild to ask for. */
    public record Request(String repository, int wave, String currentDigest, String baseReference,
                          String previousBaseDigest, String newBaseDigest) {
    }

    /** What a command did: the rebuilds it made due, or why it changed nothing. */
    public sealed interface Outcome permits Applied, Rejected {
    }

    public record Applied(List<Request> requested) implements Outcome {
    }

    public record Rejected(String reason) implements Outcome {
    }

    private final String id;
    private final BaseChange change;
    private final Instant startedAt;
    private final Map<String, CascadeItem> items = new LinkedHashMap<>();
    private Status status;
    private Instant updatedAt;

    private Cascade(String id, BaseChange change, Status status, Instant startedAt, Instant updatedAt,
                    Collection<CascadeItem> items) {
        this.id = id;
        this.change = change;
        this.status = status;
        this.startedAt = startedAt;
        this.updatedAt = updatedAt;
        items.stream().sorted(Comparator.comparingInt(CascadeItem::wave).thenComparing(CascadeItem::repository))
                .forEach(item -> this.items.put(item.repository(), item));
    }

    /** A new cascade; nothing is requested until {@link #start}. Excluded repositories are skipped from the outset. */
    public static Cascade plan(String id, BaseChange change, List<Planned> planned, Predicate<String> excluded,
                               Instant at) {
        List<CascadeItem> items = new ArrayList<>();
        for (Planned p : planned) {
            CascadeItem item = new CascadeItem(p.repository(), p.wave(), p.currentDigest(), p.dependsOn(),
                    p.finalBase(), p.baseReference(), State.PENDING, null, null, null, false, at);
            if (p.wave() == 0) {
                item = item.skipped("its bases form a cycle", true, at);
            } else if (excluded.test(p.repository())) {
                item = item.skipped("excluded from cascades", false, at);
            }
            items.add(item);
        }
        return new Cascade(id, change, Status.RUNNING, at, at, items);
    }

    public static Cascade restore(String id, BaseChange change, Status status, Instant startedAt, Instant updatedAt,
                                  Collection<CascadeItem> items) {
        return new Cascade(id, change, status, startedAt, updatedAt, items);
    }

    /** Requests wave 1. */
    public List<Request> start(Instant at) {
        return advance(at);
    }

    /** A build of {@code repository} finished; it counts when the cascade asked for it and it used the new base. */
    public Outcome rebuilt(String repository, String digest, Set<String> baseDigests, Instant at) {
        CascadeItem item = items.get(repository);
        if (item == null || item.state() != State.REQUESTED) {
            return new Rejected(repository + " has no rebuild outstanding in cascade " + id);
        }
        if (!baseDigests.contains(item.requestedBaseDigest())) {
            return new Rejected(repository + " was built on other bases than " + item.requestedBaseDigest());
        }
        items.put(repository, item.rebuilt(digest, at));
        return new Applied(advance(at));
    }

    public Outcome failed(String repository, String reason, Instant at) {
        CascadeItem item = items.get(repository);
        if (item == null || item.state() != State.REQUESTED) {
            return new Rejected(repository + " has no rebuild outstanding in cascade " + id);
        }
        items.put(repository, item.failed(reason, at));
        return new Applied(advance(at));
    }

    public Outcome pause(Instant at) {
        if (status != Status.RUNNING) {
            return new Rejected("cascade " + id + " is " + status.name().toLowerCase() + ", not running");
        }
        status = Status.PAUSED;
        updatedAt = at;
        return new Applied(List.of());
    }

    public Outcome resume(Instant at) {
        if (status != Status.PAUSED) {
            return new Rejected("cascade " + id + " is " + status.name().toLowerCase() + ", not paused");
        }
        status = Status.RUNNING;
        return new Applied(advance(at));
    }

    /** Leaves a repository out: not requested, or its outstanding request no longer awaited. */
    public Outcome exclude(String repository, String by, Instant at) {
        CascadeItem item = items.get(repository);
        if (item == null) {
            return new Rejected(repository + " is not part of cascade " + id);
        }
        if (item.state().settled()) {
            return new Rejected(repository + " is already " + item.state().name().toLowerCase());
        }
        items.put(repository, item.skipped("excluded by " + by, false, at));
        return new Applied(advance(at));
    }

    private List<Request> advance(Instant at) {
        updatedAt = at;
        List<Request> requests = new ArrayList<>();
        for (CascadeItem item : List.copyOf(items.values())) {
            if (item.state() != State.PENDING) {
                continue;
            }
            List<String> deps = item.dependsOn().stream().filter(this::inCascade).sorted().toList();
            if (!deps.stream().allMatch(dep -> stateOf(dep).settled())) {
                continue;
            }
            String blocker = deps.stream().filter(this::blocks).findFirst().orElse(null);
            if (blocker != null) {
                String why = stateOf(blocker) == State.FAILED ? "base " + blocker + " failed to rebuild"
                        : "base " + blocker + " was not rebuilt";
                items.put(item.repository(), item.skipped(why, true, at));
            } else if (deps.stream().noneMatch(dep -> stateOf(dep) == State.REBUILT)) {
                items.put(item.repository(), item.skipped("none of its bases was rebuilt", false, at));
            } else if (status == Status.RUNNING) {
                Request request = requestFor(item, deps);
                items.put(item.repository(), item.requested(request.newBaseDigest(), at));
                requests.add(request);
            }
        }
        if (items.values().stream().allMatch(item -> item.state().settled())) {
            status = Status.FINISHED;
        }
        return requests;
    }

    private Request requestFor(CascadeItem item, List<String> deps) {
        String base = stateOf(item.finalBase()) == State.REBUILT && deps.contains(item.finalBase())
                ? item.finalBase()
                : deps.stream().filter(dep -> stateOf(dep) == State.REBUILT).findFirst().orElseThrow();
        String reference = base.equals(item.finalBase()) ? item.baseReference() : base;
        return new Request(item.repository(), item.wave(), item.currentDigest(), reference, previousDigestOf(base),
                rebuiltDigestOf(base));
    }

    private boolean inCascade(String repository) {
        return repository.equals(change.repositoryName()) || items.containsKey(repository);
    }

    private boolean blocks(String repository) {
        CascadeItem item = items.get(repository);
        return item != null && item.blocked();
    }

    private State stateOf(String repository) {
        if (repository == null) {
            return State.SKIPPED;
        }
        if (repository.equals(change.repositoryName())) {
            return State.REBUILT;
        }
        CascadeItem item = items.get(repository);
        return item == null ? State.SKIPPED : item.state();
    }

    private String previousDigestOf(String repository) {
        return repository.equals(change.repositoryName()) ? change.previousDigest()
                : items.get(repository).currentDigest();
    }

    private String rebuiltDigestOf(String repository) {
        return repository.equals(change.repositoryName()) ? change.newDigest()
                : items.get(repository).rebuiltDigest();
    }

    public String id() {
        return id;
    }

    public BaseChange change() {
        return change;
    }

    public Status status() {
        return status;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<CascadeItem> items() {
        return List.copyOf(items.values());
    }

    public Map<State, Integer> countsByState() {
        Map<State, Integer> counts = new EnumMap<>(State.class);
        for (State state : State.values()) {
            counts.put(state, 0);
        }
        items.values().forEach(item -> counts.merge(item.state(), 1, Integer::sum));
        return counts;
    }
}

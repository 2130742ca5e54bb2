package io.layerline.build.application.port;

import io.layerline.build.application.Announcement;

import java.time.Instant;
import java.util.List;

/**
 * Harbor's facts taken in and not yet announced, in the order they came. Only the oldest fact of a repository is
 * ever due, so a delete never overtakes the push it follows. Joins the caller's transaction.
 */
public interface HarborQueue {

    /** @param attempts how many times describing it failed so far */
    record Queued(long id, Announcement fact, int attempts) {
    }

    void add(List<? extends Announcement> facts, Instant dueAt);

    /**
     * The oldest fact of each repository, when it is due, oldest first; none when another replica is announcing
     * (one announces at a time, so the order holds across replicas).
     */
    List<Queued> due(Instant now, int limit);

    void remove(long id);

    void postpone(long id, int attempts, Instant dueAt);

    long size();
}

package io.layerline.catalog.application;

import io.layerline.catalog.application.port.Catalog;
import io.layerline.catalog.domain.graph.ImageGraph;
import jakarta.inject.Singleton;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The whole base-image graph in memory (ADR 0007), caught up with the database before each read, so every instance
 * of the service answers from what all instances have committed. A catch-up reads only rows written since the
 * previous one.
 */
@Singleton
public class GraphIndex {

    private final Catalog catalog;
    private final ImageGraph graph = new ImageGraph();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private long watermark;

    GraphIndex(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Runs a read against the graph as committed now. */
    public <T> T read(Function<ImageGraph, T> query) {
        catchUp();
        lock.readLock().lock();
        try {
            return query.apply(graph);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void catchUp() {
        lock.writeLock().lock();
        try {
            watermark = catalog.catchUp(graph, watermark);
        } finally {
            lock.writeLock().unlock();
        }
    }
}

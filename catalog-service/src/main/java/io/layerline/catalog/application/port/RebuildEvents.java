package io.layerline.catalog.application.port;

import io.layerline.catalog.domain.cascade.Cascade;

import java.time.Instant;

/** The events cascades publish, in the caller's transaction. */
public interface RebuildEvents {

    void baseImageUpdated(Cascade cascade, int directDependants, Instant at);

    void rebuildRequested(Cascade cascade, Cascade.Request request, Instant at);
}

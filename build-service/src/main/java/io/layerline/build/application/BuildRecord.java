package io.layerline.build.application;

import io.layerline.build.domain.build.BuildDefinition;
import io.layerline.build.domain.build.BuildState;

import java.time.Instant;
import java.util.UUID;

/**
 * A build as stored.
 *
 * @param cascadeId           the rebuild cascade that asked for it, if any
 * @param requestedBaseDigest the base digest that cascade asked for
 * @param digest              the pushed image's digest, once pushed
 * @param reproductionOf      the earlier build this one rebuilds to check that it reproduces, if any
 */
public record BuildRecord(UUID id, BuildDefinition definition, BuildState state, String reason, String requestedBy,
                          String cascadeId, String requestedBaseDigest, Instant queuedAt, Instant startedAt,
                          Instant finishedAt, String digest, UUID reproductionOf) {
}

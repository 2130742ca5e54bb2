package io.layerline.catalog.application;

import io.layerline.catalog.domain.gate.Outcome;

import java.time.Instant;
import java.util.List;

/**
 * One verdict as audited.
 *
 * @param askedBy who asked: the caller's name (a person, a CI token, the Kubernetes API server's token)
 * @param source  {@code api} or {@code admission}
 * @param digest  what the reference resolved to; null when the catalog did not know it
 * @param failed  the rules that failed it, e.g. {@code standard-base}, {@code payments/layer-limit}
 */
public record GateEvaluation(Long id, String askedBy, String source, String reference, String digest,
                             String environment, Outcome outcome, List<String> failed, List<String> warned,
                             String detail, Instant at) {

    public GateEvaluation {
        failed = List.copyOf(failed);
        warned = List.copyOf(warned);
    }
}

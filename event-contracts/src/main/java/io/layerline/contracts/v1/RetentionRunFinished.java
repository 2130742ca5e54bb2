package io.layerline.contracts.v1;

import io.layerline.contracts.LayerlineEvent;

import java.time.Instant;

/** A retention run (the application of one plan) ended. */
public record RetentionRunFinished(
        String runId,
        String planId,
        String policyId,
        Outcome outcome,
        int deleted,
        int kept,
        int failed,
        long reclaimedBytes,
        Instant startedAt,
        Instant finishedAt) implements LayerlineEvent {

    public enum Outcome { COMPLETED, COMPLETED_WITH_FAILURES, FAILED, CANCELLED }

    @Override
    public String partitionKey() {
        return policyId;
    }

    @Override
    public String subject() {
        return runId;
    }
}

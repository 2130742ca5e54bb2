package io.layerline.contracts.v1;

import io.layerline.contracts.LayerlineEvent;

import java.time.Instant;

/** A vulnerability scan of an image finished. */
public record ImageScanned(
        String registry,
        String repository,
        String digest,
        String scanner,
        ScanStatus status,
        Vulnerabilities vulnerabilities,
        String reportUrl,
        Instant scannedAt) implements LayerlineEvent {

    public enum ScanStatus { SUCCEEDED, FAILED }

    /** Number of findings per severity. */
    public record Vulnerabilities(int critical, int high, int medium, int low, int unknown) {
    }

    @Override
    public String partitionKey() {
        return repository;
    }

    @Override
    public String subject() {
        return repository + "@" + digest;
    }
}

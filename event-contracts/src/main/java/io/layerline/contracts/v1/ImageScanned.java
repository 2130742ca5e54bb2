package io.layerline.contracts.v1;

import io.layerline.contracts.ImageEvent;

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
        Instant scannedAt) implements ImageEvent {

    public enum ScanStatus { SUCCEEDED, FAILED }

    /** Number of findings per severity. */
    public record Vulnerabilities(int critical, int high, int medium, int low, int unknown) {
    }
}

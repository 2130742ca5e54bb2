package io.layerline.contracts.v1;

import io.layerline.contracts.ImageEvent;

import java.time.Instant;

/**
 * A scan of an image finished: a vulnerability scan, or the generation of its SBOM.
 *
 * @param scanType        what was scanned for; null from producers that do not say (a vulnerability scan)
 * @param stopped         true when the scan was stopped before it finished; null otherwise
 * @param sbomDigest      the SBOM artifact a successful SBOM scan attached, when the producer said
 * @param vulnerabilities the counts, or null when they are not known: never read null as clean
 */
public record ImageScanned(
        String registry,
        String repository,
        String digest,
        String scanner,
        ScanStatus status,
        ScanType scanType,
        Boolean stopped,
        String sbomDigest,
        Vulnerabilities vulnerabilities,
        String reportUrl,
        Instant scannedAt) implements ImageEvent {

    public enum ScanStatus { SUCCEEDED, FAILED }

    public enum ScanType { VULNERABILITY, SBOM }

    /** Number of findings per severity; {@code negligible} is null when the scanner does not grade so low. */
    public record Vulnerabilities(int critical, int high, int medium, int low, int unknown, Integer negligible) {
    }
}

package io.layerline.build.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.build.application.Announcement;

import java.time.Instant;
import java.util.Iterator;

/**
 * A scan event's facts, as Harbor's scan webhook handler writes them
 * ({@code src/controller/event/handler/webhook/scan/scan.go}): {@code scan.scan_type} says vulnerability or SBOM; a
 * vulnerability scan's {@code scan_overview} maps a report media type to its summary
 * ({@code src/pkg/scan/vuln/summary.go}), an SBOM's {@code sbom_overview} is one flat summary
 * ({@code src/pkg/scan/sbom/model/summary.go}). Harbor waits at most 5 s for the report, so a completed scan can
 * arrive with no overview or one still {@code Running}: its counts are then not known, never zero.
 */
final class HarborScans {

    private HarborScans() {
    }

    static Announcement.Scanned scanned(String registry, String repository, String digest, String kind,
                                        String scanType, JsonNode resource, Instant at) {
        Announcement.ScanOutcome outcome = switch (kind) {
            case "scanned" -> Announcement.ScanOutcome.SUCCEEDED;
            case "scan-stopped" -> Announcement.ScanOutcome.STOPPED;
            default -> Announcement.ScanOutcome.FAILED;
        };
        if (scanType.equalsIgnoreCase("sbom")) {
            JsonNode overview = resource.path("sbom_overview");
            boolean done = outcome == Announcement.ScanOutcome.SUCCEEDED
                    && overview.path("scan_status").asText("").equals("Success");
            return new Announcement.Scanned(registry, repository, digest, scanner(overview),
                    Announcement.ScanType.SBOM, outcome, null,
                    done ? overview.path("sbom_digest").asText(null) : null, null, at);
        }
        Iterator<JsonNode> reports = resource.path("scan_overview").elements();
        JsonNode report = reports.hasNext() ? reports.next() : resource.path("scan_overview");
        return new Announcement.Scanned(registry, repository, digest, scanner(report),
                Announcement.ScanType.VULNERABILITY, outcome,
                outcome == Announcement.ScanOutcome.SUCCEEDED ? counts(report) : null, null, null, at);
    }

    /** The counts of a summary whose scan succeeded; null when there is none, or it is not done. */
    private static Announcement.Counts counts(JsonNode report) {
        JsonNode summary = report.path("summary");
        if (!report.path("scan_status").asText("").equals("Success") || !summary.isObject()) {
            return null;
        }
        JsonNode bySeverity = summary.path("summary");
        return new Announcement.Counts(bySeverity.path("Critical").asInt(), bySeverity.path("High").asInt(),
                bySeverity.path("Medium").asInt(), bySeverity.path("Low").asInt(),
                bySeverity.path("Unknown").asInt(), bySeverity.path("Negligible").asInt());
    }

    private static String scanner(JsonNode summary) {
        String name = summary.path("scanner").path("name").asText("");
        return name.isEmpty() ? null : name;
    }
}

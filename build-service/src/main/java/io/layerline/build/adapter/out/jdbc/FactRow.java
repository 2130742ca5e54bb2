package io.layerline.build.adapter.out.jdbc;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.layerline.build.application.Announcement;

import java.time.Instant;
import java.util.List;

/** A queued Harbor fact as stored in JSONB: its kind and the fields of that kind, the rest absent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FactRow(String kind, String registry, String repository, String digest, List<String> tags, String by,
               Instant at, String scanner, String scanType, String scanOutcome, Counts counts, String sbomDigest,
               String reportUrl) {

    record Counts(int critical, int high, int medium, int low, int unknown, Integer negligible) {
    }

    static FactRow of(Announcement fact) {
        if (fact instanceof Announcement.Pushed pushed) {
            return new FactRow("pushed", pushed.registry(), pushed.repository(), pushed.digest(), pushed.tags(),
                    pushed.by(), pushed.at(), null, null, null, null, null, null);
        }
        if (fact instanceof Announcement.Pulled pulled) {
            return new FactRow("pulled", pulled.registry(), pulled.repository(), pulled.digest(),
                    pulled.tag() == null ? List.of() : List.of(pulled.tag()), pulled.by(), pulled.at(), null, null,
                    null, null, null, null);
        }
        if (fact instanceof Announcement.Deleted deleted) {
            return new FactRow("deleted", deleted.registry(), deleted.repository(), deleted.digest(), deleted.tags(),
                    deleted.by(), deleted.at(), null, null, null, null, null, null);
        }
        if (fact instanceof Announcement.Scanned scanned) {
            Announcement.Counts counts = scanned.counts();
            return new FactRow("scanned", scanned.registry(), scanned.repository(), scanned.digest(), null, null,
                    scanned.at(), scanned.scanner(), scanned.type().name(), scanned.outcome().name(),
                    counts == null ? null : new Counts(counts.critical(), counts.high(), counts.medium(),
                            counts.low(), counts.unknown(), counts.negligible()), scanned.sbomDigest(),
                    scanned.reportUrl());
        }
        throw new IllegalArgumentException("Harbor reports no " + fact.kind() + " facts");
    }

    Announcement toFact() {
        return switch (kind) {
            case "pushed" -> new Announcement.Pushed(registry, repository, digest, tags, null, null, null, by, at);
            case "pulled" -> new Announcement.Pulled(registry, repository, digest, tags.isEmpty() ? null : tags.get(0),
                    by, at);
            case "deleted" -> new Announcement.Deleted(registry, repository, digest, tags, by, at);
            case "scanned" -> new Announcement.Scanned(registry, repository, digest, scanner,
                    Announcement.ScanType.valueOf(scanType), Announcement.ScanOutcome.valueOf(scanOutcome),
                    counts == null ? null : new Announcement.Counts(counts.critical(), counts.high(), counts.medium(),
                            counts.low(), counts.unknown(), counts.negligible()), sbomDigest, reportUrl, at);
            default -> throw new IllegalStateException("a stored Harbor fact of unknown kind " + kind);
        };
    }
}

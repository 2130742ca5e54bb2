package io.layerline.catalog.application;

import io.layerline.catalog.application.port.Gates;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;

/** Keeps the newest vulnerability scan of each digest, for the gate's critical-vulnerabilities rule. */
@Singleton
public class RecordScans {

    private final Gates gates;

    RecordScans(Gates gates) {
        this.gates = gates;
    }

    /** A finished vulnerability scan; {@code critical} and {@code high} null when the scanner did not count. */
    @Transactional
    public void scanned(String digest, String scanner, Integer critical, Integer high, Instant at) {
        gates.recordScan(digest, scanner, critical, high, at);
    }
}

package io.layerline.retention.application;

import io.layerline.retention.domain.plan.ItemState;

import java.time.Instant;

/** One act on one artifact while a plan was applied, as the audit trail keeps it. */
public record AuditEntry(long id, String registry, String repository, String digest, ItemState outcome,
                         String detail, Instant at) {
}

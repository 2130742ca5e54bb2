package io.layerline.catalog.application;

import io.layerline.catalog.domain.graph.Tier;

import java.time.Instant;

/** What people enter about a repository; every field may be absent. */
public record Metadata(String ownerTeam, Tier tier, String description, String docsUrl, String contact,
                       Instant updatedAt) {

    public static final Metadata NONE = new Metadata(null, null, null, null, null, null);
}

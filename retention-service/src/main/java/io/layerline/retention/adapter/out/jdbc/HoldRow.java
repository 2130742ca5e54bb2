package io.layerline.retention.adapter.out.jdbc;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/** A row of {@code hold}: a held artifact, as {@link HoldRows} reads it; mapped to a {@code Hold} by the adapter. */
@MappedEntity("hold")
record HoldRow(@EmbeddedId Key id, String reason, @Nullable String heldBy, Instant createdAt) {

    /** The primary key, column by column. */
    @Embeddable
    record Key(@MappedProperty("registry") String registry, @MappedProperty("repository") String repository,
               @MappedProperty("digest") String digest) {
    }
}

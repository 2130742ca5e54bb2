package io.layerline.retention.adapter.out.jdbc;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;

/** The {@code hold} table through Micronaut Data, a {@link HoldRow} per held artifact. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface HoldRows extends GenericRepository<HoldRow, HoldRow.Key> {

    /** Holds the artifact unless it is held already; how many rows were written (0 or 1). */
    @Query("""
            INSERT INTO hold (registry, repository, digest, reason, held_by, created_at)
            VALUES (:registry, :repository, :digest, :reason, :heldBy, :createdAt)
            ON CONFLICT DO NOTHING""")
    int place(String registry, String repository, String digest, String reason, @Nullable String heldBy,
              Instant createdAt);

    /** How many rows were deleted (0 or 1). */
    @Query("DELETE FROM hold WHERE registry = :registry AND repository = :repository AND digest = :digest")
    int release(String registry, String repository, String digest);

    @Query("SELECT * FROM hold ORDER BY created_at, registry, repository, digest LIMIT :limit OFFSET :offset")
    List<HoldRow> page(int limit, int offset);
}

package io.layerline.retention.adapter.out.jdbc;

import io.layerline.retention.application.Hold;
import io.layerline.retention.application.port.Holds;
import io.layerline.retention.domain.inventory.ArtifactId;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** Holds in PostgreSQL, plain rows through Micronaut Data, in the caller's transaction. */
@Singleton
class JdbcHolds implements Holds {

    private final HoldRows rows;

    JdbcHolds(HoldRows rows) {
        this.rows = rows;
    }

    @Override
    public boolean place(ArtifactId artifact, String reason, String heldBy, Instant at) {
        return rows.place(artifact.registry(), artifact.repository(), artifact.digest(), reason, heldBy, at) == 1;
    }

    @Override
    public boolean release(ArtifactId artifact) {
        return rows.release(artifact.registry(), artifact.repository(), artifact.digest()) == 1;
    }

    @Override
    public List<Hold> list(int limit, int offset) {
        return rows.page(limit, offset).stream().map(row -> new Hold(new ArtifactId(row.id().registry(),
                row.id().repository(), row.id().digest()), row.reason(), row.heldBy(), row.createdAt())).toList();
    }
}

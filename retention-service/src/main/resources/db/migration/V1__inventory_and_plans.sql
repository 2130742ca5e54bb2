-- The artifact inventory, what protections need to know, and prune plans with their execution and audit trail.

CREATE TABLE artifact (
    id               BIGSERIAL PRIMARY KEY,
    registry         TEXT        NOT NULL,
    repository       TEXT        NOT NULL,
    digest           TEXT        NOT NULL,
    tags             TEXT[]      NOT NULL DEFAULT '{}',
    size             BIGINT      NOT NULL DEFAULT 0,
    labels           TEXT[]      NOT NULL DEFAULT '{}',
    pushed_at        TIMESTAMPTZ,
    last_pulled_at   TIMESTAMPTZ,
    last_deployed_at TIMESTAMPTZ,
    immutable        BOOLEAN     NOT NULL DEFAULT false,
    gone_at          TIMESTAMPTZ,
    UNIQUE (registry, repository, digest)
);

CREATE INDEX artifact_present ON artifact (registry, repository) WHERE gone_at IS NULL;
CREATE INDEX artifact_by_digest ON artifact (digest);

-- An image and the digests it was built on (every stage's base, from ImageBuilt).
CREATE TABLE artifact_base (
    child_id    BIGINT NOT NULL REFERENCES artifact (id),
    base_digest TEXT   NOT NULL,
    PRIMARY KEY (child_id, base_digest)
);

CREATE INDEX artifact_base_by_base ON artifact_base (base_digest);

-- The image each service runs in each environment now.
CREATE TABLE running (
    service     TEXT        NOT NULL,
    environment TEXT        NOT NULL,
    registry    TEXT        NOT NULL,
    repository  TEXT        NOT NULL,
    digest      TEXT        NOT NULL,
    since       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (service, environment)
);

-- Every digest a service ran successfully in the rollback environment, with the last time: its rollback set.
CREATE TABLE rollback_history (
    service          TEXT        NOT NULL,
    registry         TEXT        NOT NULL,
    repository       TEXT        NOT NULL,
    digest           TEXT        NOT NULL,
    last_deployed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (service, registry, repository, digest)
);

CREATE TABLE hold (
    registry   TEXT        NOT NULL,
    repository TEXT        NOT NULL,
    digest     TEXT        NOT NULL,
    reason     TEXT        NOT NULL,
    held_by    TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (registry, repository, digest)
);

CREATE TABLE retention_plan (
    id          UUID PRIMARY KEY,
    state       TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    kept        INTEGER     NOT NULL,
    to_delete   INTEGER     NOT NULL,
    bytes       BIGINT      NOT NULL,
    started_at  TIMESTAMPTZ,
    finished_at TIMESTAMPTZ
);

CREATE TABLE plan_item (
    plan_id    UUID        NOT NULL REFERENCES retention_plan (id),
    seq        INTEGER     NOT NULL,
    registry   TEXT        NOT NULL,
    repository TEXT        NOT NULL,
    digest     TEXT        NOT NULL,
    tags       TEXT[]      NOT NULL,
    size       BIGINT      NOT NULL,
    action     TEXT        NOT NULL,
    reasons    TEXT        NOT NULL,
    state      TEXT        NOT NULL,
    detail     TEXT,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (plan_id, seq)
);

CREATE INDEX plan_item_pending ON plan_item (plan_id, seq) WHERE action = 'DELETE' AND state = 'PENDING';

-- One row per act on an artifact during an apply: what was done, how it ended, why.
CREATE TABLE audit (
    id         BIGSERIAL PRIMARY KEY,
    plan_id    UUID        NOT NULL,
    registry   TEXT        NOT NULL,
    repository TEXT        NOT NULL,
    digest     TEXT        NOT NULL,
    outcome    TEXT        NOT NULL,
    detail     TEXT        NOT NULL,
    at         TIMESTAMPTZ NOT NULL
);

CREATE INDEX audit_by_plan ON audit (plan_id, id);
